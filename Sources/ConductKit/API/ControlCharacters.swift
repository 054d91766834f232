/// Characters that no value or file needs and that would reach terminals and pages as
/// they are: C0 controls but tab and newline (escape sequences), DEL, C1 controls, and
/// the bidirectional embeddings, overrides and isolates, which show text in another
/// order than it is written. The loader refuses them; the command line escapes them.
public enum ControlCharacters {
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
