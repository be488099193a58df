/**
 * Operations component: health checks for orchestrators and load balancers (MicroProfile Health)
 * and the server information the frontend reads ({@code GET /api/info}).
 */
package dev.lkdash.operations;
