import Foundation

/// WCAG 2.2 contrast, as defined for success criterion 1.4.3.
enum Contrast {
    static let minimumForText = 4.5

    static func ratio(_ a: Colour, _ b: Colour) -> Double {
        let (lighter, darker) = (max(luminance(a), luminance(b)), min(luminance(a), luminance(b)))
        return (lighter + 0.05) / (darker + 0.05)
    }

    static func luminance(_ colour: Colour) -> Double {
        func channel(_ value: Int) -> Double {
            let c = Double(value) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(colour.red) + 0.7152 * channel(colour.green) + 0.0722 * channel(colour.blue)
    }

    /// The lightest shade of `colour` (same hue, scaled towards black) that white text
    /// can sit on, to suggest in an error.
    static func darkenedForWhiteText(_ colour: Colour) -> Colour {
        var factor = 1.0
        while factor > 0 {
            let shade = Colour(red: Int(Double(colour.red) * factor), green: Int(Double(colour.green) * factor),
                               blue: Int(Double(colour.blue) * factor))
            if ratio(shade, .white) >= minimumForText { return shade }
            factor -= 0.01
        }
        return Colour(red: 0, green: 0, blue: 0)
    }
}
