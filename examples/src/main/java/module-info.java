/** Runnable Lode programs, one per use case, and the quickstart. */
module io.lode.examples {
    requires io.lode;
}
