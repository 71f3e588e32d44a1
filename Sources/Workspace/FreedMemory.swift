#if canImport(Glibc)
    import Glibc
#endif

/// Gives the heap freed so far back to the system. glibc keeps freed small blocks in the
/// process otherwise, so a step that reads a large review and lets it go (a screening queue's
/// snapshot of every study and log; the dashboard) would leave its peak resident: the feature
/// matrix read next, or a server's later queues, would come on top of it. Does nothing elsewhere.
public func releaseFreedMemory() {
    #if canImport(Glibc)
        // glibc's malloc_trim, looked up once (its header, malloc.h, is not in the Glibc module).
        _ = mallocTrim?(0)
    #endif
}

#if canImport(Glibc)
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    private let mallocTrim: MallocTrim? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: MallocTrim.self)
    }()
#endif
