package io.lode.isle.manifest;

/**
 * The latest claim of a role: only entries of that role at this epoch are applied from here on.
 *
 * @param epoch the claim's epoch (each claim is one more than the highest before it)
 * @param owner the claimant's id
 */
public record Fence(long epoch, String owner) {}
