import CMallocSupport

/// glibc hands memory at the top of a thread's heap back to the system as soon as a large enough
/// block is freed there. A rendered page frees about that much, so each request paid for an
/// `madvise` call and, on its next allocation, for the page faults of memory given out again
/// (about a tenth of a forum page's CPU time). Freed memory is kept up to `trimThreshold`
/// instead; the process's peak memory stays what it was. Setting it also stops glibc from raising
/// the size from which a block gets a mapping of its own, so that size is set here, high enough
/// that no page or export slice is mapped and unmapped per request.
package enum MemoryReturn {
    package static let trimThreshold: Int32 = 64 * 1024 * 1024
    package static let ownMappingThreshold: Int32 = 4 * 1024 * 1024

    package static func keepFreedMemory() {
        _ = metropole_keep_freed_memory(trimThreshold, ownMappingThreshold)
    }
}
