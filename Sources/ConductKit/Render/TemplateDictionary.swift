/// Reads a page's values into the dictionaries and arrays Mustache looks keys up in,
/// through the values' `Encodable` conformance (synthesised, so the keys are the
/// properties' names, as `TemplateKeys` reads them). Mustache itself would look every
/// key up in a struct through a new `Mirror` of it; reading them through `Mirror` once
/// per page still took a sixth of a build's CPU, and the synthesised code takes a
/// fraction of that. A value that is nil is left out, which Mustache reads the same way.
enum TemplateDictionary {
    static func make<Value: Encodable>(_ value: Value) -> Any {
        if let html = value as? HTMLText { return html }
        let encoder = TemplateValueEncoder()
        do {
            try value.encode(to: encoder)
        } catch {
            // Nothing in `TemplateValueEncoder` throws, and the values' own code only encodes.
            preconditionFailure("template values could not be read: \(error)")
        }
        return encoder.result
    }
}

/// Holds what one value encoded to, for the containers that write into it.
private final class TemplateValueEncoder: Encoder {
    private enum Form {
        case dictionary, array, single
    }

    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private var form = Form.dictionary
    fileprivate var dictionary: [String: Any] = [:]
    fileprivate var array: [Any] = []
    fileprivate var single: Any = [String: Any]()

    /// A dictionary for a struct, an array for an array, the value itself for a leaf.
    var result: Any {
        switch form {
        case .dictionary: dictionary
        case .array: array
        case .single: single
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        form = .dictionary
        return KeyedEncodingContainer(Keyed(encoder: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        form = .array
        return Unkeyed(encoder: self)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        form = .single
        return Single(encoder: self)
    }

    /// Writes each value into the encoder's dictionary as soon as it is given.
    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: TemplateValueEncoder
        var codingPath: [CodingKey] { [] }

        private func set(_ value: Any, _ key: Key) {
            encoder.dictionary[key.stringValue] = value
        }

        mutating func encodeNil(forKey key: Key) {}
        mutating func encode(_ value: Bool, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: String, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Double, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Float, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int8, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int16, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int32, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int64, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: UInt, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: UInt8, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: UInt16, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: UInt32, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: UInt64, forKey key: Key) { set(value, key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) { set(TemplateDictionary.make(value), key) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("template values are plain structs: no nested containers")
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            preconditionFailure("template values are plain structs: no nested containers")
        }

        mutating func superEncoder() -> Encoder { preconditionFailure("template values have no superclass") }
        mutating func superEncoder(forKey key: Key) -> Encoder { preconditionFailure("template values have no superclass") }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let encoder: TemplateValueEncoder
        var codingPath: [CodingKey] { [] }
        var count: Int { encoder.array.count }

        private func append(_ value: Any) {
            encoder.array.append(value)
        }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) { append(value) }
        mutating func encode(_ value: String) { append(value) }
        mutating func encode(_ value: Double) { append(value) }
        mutating func encode(_ value: Float) { append(value) }
        mutating func encode(_ value: Int) { append(value) }
        mutating func encode(_ value: Int8) { append(value) }
        mutating func encode(_ value: Int16) { append(value) }
        mutating func encode(_ value: Int32) { append(value) }
        mutating func encode(_ value: Int64) { append(value) }
        mutating func encode(_ value: UInt) { append(value) }
        mutating func encode(_ value: UInt8) { append(value) }
        mutating func encode(_ value: UInt16) { append(value) }
        mutating func encode(_ value: UInt32) { append(value) }
        mutating func encode(_ value: UInt64) { append(value) }
        mutating func encode<T: Encodable>(_ value: T) { append(TemplateDictionary.make(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("template values are plain structs: no nested containers")
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            preconditionFailure("template values are plain structs: no nested containers")
        }

        mutating func superEncoder() -> Encoder { preconditionFailure("template values have no superclass") }
    }

    private struct Single: SingleValueEncodingContainer {
        let encoder: TemplateValueEncoder
        var codingPath: [CodingKey] { [] }

        private func set(_ value: Any) {
            encoder.single = value
        }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) { set(value) }
        mutating func encode(_ value: String) { set(value) }
        mutating func encode(_ value: Double) { set(value) }
        mutating func encode(_ value: Float) { set(value) }
        mutating func encode(_ value: Int) { set(value) }
        mutating func encode(_ value: Int8) { set(value) }
        mutating func encode(_ value: Int16) { set(value) }
        mutating func encode(_ value: Int32) { set(value) }
        mutating func encode(_ value: Int64) { set(value) }
        mutating func encode(_ value: UInt) { set(value) }
        mutating func encode(_ value: UInt8) { set(value) }
        mutating func encode(_ value: UInt16) { set(value) }
        mutating func encode(_ value: UInt32) { set(value) }
        mutating func encode(_ value: UInt64) { set(value) }
        mutating func encode<T: Encodable>(_ value: T) { set(TemplateDictionary.make(value)) }
    }
}
