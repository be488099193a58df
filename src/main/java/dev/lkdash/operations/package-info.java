/** Health checks for orchestrators and load balancers (MicroProfile Health). */
package dev.lkdash.operations;
