/** What the auth component's answers and stored sessions hold. */
package dev.lkdash.auth.entity;
