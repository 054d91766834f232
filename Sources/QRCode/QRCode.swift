import CQRencode

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A QR code made by libqrencode: a square of dark and light modules that a phone's
/// camera reads back as the text it was made from.
///
/// This module is the only code that imports `CQRencode`; every symbol libqrencode
/// returns is copied into Swift values and freed here, on the line after it is made.
public struct QRCode: Sendable, Equatable {
    /// How much of the printed symbol may be smudged, folded or covered and still be read.
    public enum Correction: Sendable {
        /// About 15% of the symbol may be lost.
        case medium
        /// About 25% of the symbol may be lost, at the cost of a few more modules.
        case quartile

        fileprivate var level: QRecLevel {
            switch self {
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            }
        }
    }

    /// Why a text could not be made into a QR code.
    public enum Failure: Error, Equatable, Sendable {
        /// There is nothing to encode.
        case empty
        /// More bytes than the largest QR code (version 40) holds at the chosen correction.
        case tooLong(bytes: Int)
        /// libqrencode could not allocate the symbol.
        case outOfMemory
        /// libqrencode refused the input for a reason it gave only as this `errno`.
        case refused(errno: Int32)

        /// What libqrencode's `errno` means for an input of `bytes` bytes.
        init(errno code: Int32, bytes: Int) {
            switch code {
            case ERANGE: self = .tooLong(bytes: bytes)
            case ENOMEM: self = .outOfMemory
            default: self = .refused(errno: code)
            }
        }
    }

    /// The most bytes any QR code holds (version 40 at the lowest correction); longer
    /// input is refused before libqrencode is asked, and its length fits an `Int32`.
    static let largestCapacity = 2953

    /// The symbol's version, 1 to 40: version `v` is `17 + 4v` modules wide.
    public let version: Int
    /// Modules along each side, without the quiet zone.
    public let size: Int
    /// Row by row, `true` for a dark module.
    private let modules: [Bool]

    /// Whether the module at `row`, `column` (both from 0, top left) is dark.
    public func isDark(row: Int, column: Int) -> Bool {
        modules[row * size + column]
    }

    /// The smallest QR code that holds `text`'s UTF-8 bytes in 8-bit mode.
    public static func encode(_ text: String, correction: Correction) -> Result<QRCode, Failure> {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard bytes.count <= largestCapacity else { return .failure(.tooLong(bytes: bytes.count)) }
        errno = 0
        // Version 0: the smallest version the data fits.
        let made = bytes.withUnsafeBufferPointer {
            QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, correction.level)
        }
        guard let symbol = made else { return .failure(Failure(errno: errno, bytes: bytes.count)) }
        defer { QRcode_free(symbol) }
        let size = Int(symbol.pointee.width)
        // Bit 0 of each byte is the module's colour; the other bits say which part of
        // the symbol it belongs to.
        let modules = UnsafeBufferPointer(start: symbol.pointee.data, count: size * size).map { $0 & 1 == 1 }
        return .success(QRCode(version: Int(symbol.pointee.version), size: size, modules: modules))
    }
}
