/** Read models of the overview stats; record component names are the JSON field names. */
package dev.lkdash.stats.entity;
