#if canImport(Glibc)
import Glibc
#endif

/// Searching rendered pages as UTF-8 bytes: a page can be long (the letter of a large
/// consortium lists every school), and Foundation's search on a `String` is slow on
/// long text and goes through its UTF-16 offsets.
enum UTF8Search {
    /// The first `needle` in `bytes` at or after `start`; memchr finds each candidate
    /// first byte.
    static func index(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let head = needle.first, start <= bytes.count - needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress!
            var index = start
            let last = buffer.count - needle.count
            while index <= last {
                guard let found = memchr(base + index, Int32(head), last - index + 1) else { return nil }
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if buffer[index..<index + needle.count].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }
    }
}
