/// The keys a page's values have, read from their Swift types: a `Decodable` type asks
/// its decoder for each of its keys in turn, so a decoder that answers every question
/// with an empty value and writes down what was asked learns the type's whole shape,
/// optional keys and the items of lists included, without any value at hand.
enum TemplateKeys {
    indirect enum Shape: Hashable, Sendable {
        /// Text, a number or a date: escaped by `{{…}}`.
        case text
        /// HTML made by cmark: the only value `{{{…}}}` may write.
        case html
        /// True or false: a section on it shows or hides its contents.
        case flag
        /// Named values: a section on it reads its keys first.
        case object([String: Shape])
        /// A section on it repeats for each item.
        case list(Shape)
    }

    static func shape<Values: Decodable>(of type: Values.Type) -> Shape {
        let recorder = ShapeRecorder()
        // The recorder answers every question, so decoding cannot fail.
        _ = try? recorder.read(Values.self)
        return recorder.shape
    }
}

/// Records the shape of one value: what kind of container the type asked for, and
/// for a keyed one the shape of every key.
private final class ShapeRecorder: Decoder {
    var shape: TemplateKeys.Shape = .text
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func read<T: Decodable>(_ type: T.Type) throws -> T {
        if type == HTMLText.self {
            shape = .html
            return HTMLText("") as! T
        }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let keyed = KeyedRecorder<Key>(owner: self)
        shape = .object([:])
        return KeyedDecodingContainer(keyed)
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        shape = .list(.text)
        return UnkeyedRecorder(owner: self)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        SingleValueRecorder(owner: self)
    }

    func record(_ key: String, _ keyShape: TemplateKeys.Shape) {
        if case .object(var keys) = shape {
            keys[key] = keyShape
            shape = .object(keys)
        }
    }

    /// The shape of a nested value, and an empty value of its type.
    static func nested<T: Decodable>(_ type: T.Type) throws -> (T, TemplateKeys.Shape) {
        let recorder = ShapeRecorder()
        let value = try recorder.read(type)
        return (value, recorder.shape)
    }
}

private struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let owner: ShapeRecorder
    var codingPath: [CodingKey] = []
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (value, shape) = try ShapeRecorder.nested(type)
        owner.record(key.stringValue, shape)
        return value
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { owner.record(key.stringValue, .flag); return false }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { owner.record(key.stringValue, .text); return "" }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { owner.record(key.stringValue, .text); return 0 }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { owner.record(key.stringValue, .text); return 0 }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type,
                                               forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "not recorded"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "not recorded"))
    }

    func superDecoder() throws -> Decoder { owner }
    func superDecoder(forKey key: Key) throws -> Decoder { owner }
}

/// A list with exactly one item, whose shape stands for every item.
private struct UnkeyedRecorder: UnkeyedDecodingContainer {
    let owner: ShapeRecorder
    var codingPath: [CodingKey] = []
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    mutating func decodeNil() throws -> Bool { false }

    private mutating func item<T>(_ shape: TemplateKeys.Shape, _ value: T) -> T {
        currentIndex += 1
        owner.shape = .list(shape)
        return value
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, shape) = try ShapeRecorder.nested(type)
        return item(shape, value)
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { item(.flag, false) }
    mutating func decode(_ type: String.Type) throws -> String { item(.text, "") }
    mutating func decode(_ type: Double.Type) throws -> Double { item(.text, 0) }
    mutating func decode(_ type: Float.Type) throws -> Float { item(.text, 0) }
    mutating func decode(_ type: Int.Type) throws -> Int { item(.text, 0) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { item(.text, 0) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { item(.text, 0) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { item(.text, 0) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { item(.text, 0) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { item(.text, 0) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { item(.text, 0) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { item(.text, 0) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { item(.text, 0) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { item(.text, 0) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "not recorded"))
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "not recorded"))
    }

    mutating func superDecoder() throws -> Decoder { owner }
}

private struct SingleValueRecorder: SingleValueDecodingContainer {
    let owner: ShapeRecorder
    var codingPath: [CodingKey] = []

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, shape) = try ShapeRecorder.nested(type)
        owner.shape = shape
        return value
    }

    func decode(_ type: Bool.Type) throws -> Bool { owner.shape = .flag; return false }
    func decode(_ type: String.Type) throws -> String { owner.shape = .text; return "" }
    func decode(_ type: Double.Type) throws -> Double { owner.shape = .text; return 0 }
    func decode(_ type: Float.Type) throws -> Float { owner.shape = .text; return 0 }
    func decode(_ type: Int.Type) throws -> Int { owner.shape = .text; return 0 }
    func decode(_ type: Int8.Type) throws -> Int8 { owner.shape = .text; return 0 }
    func decode(_ type: Int16.Type) throws -> Int16 { owner.shape = .text; return 0 }
    func decode(_ type: Int32.Type) throws -> Int32 { owner.shape = .text; return 0 }
    func decode(_ type: Int64.Type) throws -> Int64 { owner.shape = .text; return 0 }
    func decode(_ type: UInt.Type) throws -> UInt { owner.shape = .text; return 0 }
    func decode(_ type: UInt8.Type) throws -> UInt8 { owner.shape = .text; return 0 }
    func decode(_ type: UInt16.Type) throws -> UInt16 { owner.shape = .text; return 0 }
    func decode(_ type: UInt32.Type) throws -> UInt32 { owner.shape = .text; return 0 }
    func decode(_ type: UInt64.Type) throws -> UInt64 { owner.shape = .text; return 0 }
}
