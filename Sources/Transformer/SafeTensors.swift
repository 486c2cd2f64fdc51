import Foundation

/// Reading and writing the `safetensors` format (Hugging Face): an 8-byte little-endian header length n,
/// n bytes of JSON `{"__metadata__": {str: str}, NAME: {"dtype", "shape", "data_offsets": [begin, end]}}`
/// (offsets relative to the end of the header), then the raw little-endian tensor bytes. Headers are padded
/// with spaces to a multiple of 8 so data stays aligned.
public enum SafeTensors {
    /// Storage types: F32 is exact; F16 and BF16 halve the file (rounded to nearest even when written).
    public enum DType: String, Sendable, CaseIterable { case F32, F16, BF16
        public var size: Int { self == .F32 ? 4 : 2 }
    }

    public struct Entry: Sendable {
        public let name: String
        public let dtype: DType
        public let shape: [Int]
        /// Byte range inside the data section.
        public let range: Range<Int>
    }

    /// A parsed, validated file: every entry's range lies inside the data and matches its shape and dtype.
    public struct File: Sendable {
        public let metadata: [String: String]
        public let entries: [String: Entry]
        let data: Data
        let dataStart: Int

        /// The values of tensor `name` converted to Float.
        public func floats(_ name: String) throws -> [Float] {
            guard let e = entries[name] else { throw ModelError.badCheckpoint("tensor '\(name)' is missing") }
            let count = e.shape.reduce(1, *)
            return data.withUnsafeBytes { raw -> [Float] in
                let base = raw.baseAddress! + dataStart + e.range.lowerBound
                var out = [Float](repeating: 0, count: count)
                switch e.dtype {
                case .F32:
                    for i in 0..<count { out[i] = Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
                case .F16:
                    for i in 0..<count { out[i] = Float(Float16(bitPattern: UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))) }
                case .BF16:
                    for i in 0..<count { out[i] = Float(bitPattern: UInt32(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16) }
                }
                return out
            }
        }
    }

    /// Rounds a Float to bfloat16 bits, to nearest even (NaN stays NaN).
    static func bf16Bits(_ x: Float) -> UInt16 {
        if x.isNaN { return 0x7FC0 }
        let b = x.bitPattern
        return UInt16((b &+ 0x7FFF &+ ((b >> 16) & 1)) >> 16)
    }

    /// Serialises tensors (name, shape, values) in the given order with `dtype` storage.
    public static func encode(_ tensors: [(name: String, shape: [Int], values: UnsafeBufferPointer<Float>)],
                              dtype: DType = .F32, metadata: [String: String]) -> Data {
        var header: [String] = []
        if !metadata.isEmpty {
            let m = metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            header.append("\"__metadata__\":{\(m.joined(separator: ","))}")
        }
        var offset = 0
        for t in tensors {
            precondition(t.shape.reduce(1, *) == t.values.count, "\(t.name): shape \(t.shape) does not match \(t.values.count) values")
            let n = t.values.count * dtype.size
            header.append("\(jsonString(t.name)):{\"dtype\":\"\(dtype.rawValue)\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + n)]}")
            offset += n
        }
        var h = Array(("{" + header.joined(separator: ",") + "}").utf8)
        while h.count % 8 != 0 { h.append(0x20) }
        var out = Data(capacity: 8 + h.count + offset)
        withUnsafeBytes(of: UInt64(h.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: h)
        for t in tensors {
            switch dtype {
            case .F32:
                var le = [UInt32](repeating: 0, count: t.values.count)
                for i in 0..<t.values.count { le[i] = t.values[i].bitPattern.littleEndian }
                le.withUnsafeBytes { out.append(contentsOf: $0) }
            case .F16:
                var le = [UInt16](repeating: 0, count: t.values.count)
                for i in 0..<t.values.count { le[i] = Float16(t.values[i]).bitPattern.littleEndian }
                le.withUnsafeBytes { out.append(contentsOf: $0) }
            case .BF16:
                var le = [UInt16](repeating: 0, count: t.values.count)
                for i in 0..<t.values.count { le[i] = bf16Bits(t.values[i]).littleEndian }
                le.withUnsafeBytes { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    /// Parses and validates `data`; `source` names the file in error messages.
    public static func decode(_ data: Data, source: String) throws -> File {
        func bad(_ m: String) -> ModelError { .badCheckpoint("\(source): \(m)") }
        guard data.count >= 8 else { throw bad("file is \(data.count) bytes, shorter than the 8-byte header length (truncated?)") }
        let n = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard n >= 2, n <= UInt64(data.count - 8) else {
            throw bad("header length \(n) does not fit in a file of \(data.count) bytes (truncated or not safetensors)")
        }
        let headerData = data.subdata(in: data.startIndex + 8 ..< data.startIndex + 8 + Int(n))
        guard let json = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any] else {
            throw bad("the header is not a JSON object (not a safetensors file?)")
        }
        let dataStart = 8 + Int(n), dataSize = data.count - dataStart
        var metadata: [String: String] = [:], entries: [String: Entry] = [:]
        for (k, v) in json {
            if k == "__metadata__" {
                guard let m = v as? [String: String] else { throw bad("__metadata__ must map strings to strings") }
                metadata = m; continue
            }
            guard let d = v as? [String: Any], let ds = d["dtype"] as? String, let shape = d["shape"] as? [Int],
                  let offs = d["data_offsets"] as? [Int], offs.count == 2 else {
                throw bad("tensor '\(k)' needs dtype, shape and data_offsets")
            }
            guard let dt = DType(rawValue: ds) else {
                throw bad("tensor '\(k)' has dtype \(ds); supported: F32, F16, BF16")
            }
            guard shape.allSatisfy({ $0 >= 0 }), offs[0] >= 0, offs[0] <= offs[1] else { throw bad("tensor '\(k)' has a bad shape or offsets") }
            guard offs[1] <= dataSize else {
                throw bad("tensor '\(k)' ends at byte \(offs[1]) but the data section has \(dataSize) bytes (truncated file)")
            }
            guard offs[1] - offs[0] == shape.reduce(1, *) * dt.size else {
                throw bad("tensor '\(k)' has \(offs[1] - offs[0]) bytes, but shape \(shape) of \(ds) needs \(shape.reduce(1, *) * dt.size)")
            }
            entries[k] = Entry(name: k, dtype: dt, shape: shape, range: offs[0]..<offs[1])
        }
        return File(metadata: metadata, entries: entries, data: data, dataStart: data.startIndex + dataStart)
    }

    public static func read(_ url: URL) throws -> File {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ModelError.badCheckpoint("cannot read \(url.path)")
        }
        return try decode(data, source: url.lastPathComponent)
    }

    static func jsonString(_ s: String) -> String {
        var o = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": o += "\\\""
            case "\\": o += "\\\\"
            case "\n": o += "\\n"
            default:
                if u.value < 0x20 { o += String(format: "\\u%04x", u.value) } else { o.unicodeScalars.append(u) }
            }
        }
        return o + "\""
    }
}
