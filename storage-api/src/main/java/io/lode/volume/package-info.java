/**
 * Volumes: sparse, resumable byte address spaces of a fixed length, stored as Lode stores them.
 * Blocks are staged at offsets, then committed; each commit's manifest lists every block committed
 * so far, and reads fail with {@link io.lode.ErrorCode#RANGE_MISSING} on any gap. Open one with
 * {@link io.lode.LodeConnection#volume} or {@link Volume#open}.
 */
package io.lode.volume;
