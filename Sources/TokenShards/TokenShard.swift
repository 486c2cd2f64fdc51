import Foundation

/// A packed binary token shard: the (source, target) id pairs of one corpus split, for fast loading.
///
/// Written by `lagrangify corpus` beside the text `.src/.tgt` files (Tokenizer imports this module to write), read
/// by `lagrangify train` (Transformer imports it to read). This module imports nothing but Foundation, so the
/// Transformer stays free of physics and the Tokenizer free of the model.
///
/// Layout (all integers little-endian; byte by byte in Corpora/README.md):
///
///     offset  size  field
///          0     8  magic "LGTKSHRD"
///          8     4  UInt32 format version (1)
///         12     4  UInt32 grammar version
///         16     4  UInt32 vocabulary version
///         20     4  UInt32 vocabulary size V
///         24     8  UInt64 vocabulary hash (Vocabulary.hash, the 16 hex digits read as a number)
///         32     8  UInt64 example count N
///         40     8  UInt64 source tokens S (sum of source lengths)
///         48     8  UInt64 target tokens T
///         56     8  UInt64 checksum: FNV-1a 64 over every byte of the file except these eight
///         64        payload: (N+1) UInt32 source offsets (0 … S), (N+1) UInt32 target offsets (0 … T),
///                   S UInt16 source ids, T UInt16 target ids
///
/// The file size is therefore exactly 64 + 8(N+1) + 2(S+T); a reader checks it before anything else in the payload,
/// so a truncated file is reported as truncated. Ids are unframed (no BOS/EOS), as in the text files.
///
/// Why this shape: offsets + flat ids load with a handful of bulk copies (no parsing), the header says what the
/// ids mean (vocabulary hash and versions), and UInt16 halves the size of UInt32 ids (vocabularies here are < 2¹⁶).
public struct TokenShard: Sendable, Equatable {
    public static let magic: [UInt8] = Array("LGTKSHRD".utf8)
    public static let formatVersion: UInt32 = 1
    public static let headerSize = 64

    public var grammarVersion: UInt32
    public var vocabularyVersion: UInt32
    public var vocabularySize: UInt32
    public var vocabularyHash: UInt64
    /// (N+1) offsets into `sourceIds` / `targetIds`: example i is `sourceIds[sourceOffsets[i]..<sourceOffsets[i+1]]`.
    public private(set) var sourceOffsets: [UInt32] = [0]
    public private(set) var targetOffsets: [UInt32] = [0]
    public private(set) var sourceIds: [UInt16] = []
    public private(set) var targetIds: [UInt16] = []

    /// An empty shard whose ids mean what the given vocabulary and grammar say.
    public init(grammarVersion: Int, vocabularyVersion: Int, vocabularySize: Int, vocabularyHash: UInt64) {
        precondition(vocabularySize > 0 && vocabularySize <= 1 << 16, "vocabulary size \(vocabularySize) does not fit UInt16 ids")
        self.grammarVersion = UInt32(grammarVersion); self.vocabularyVersion = UInt32(vocabularyVersion)
        self.vocabularySize = UInt32(vocabularySize); self.vocabularyHash = vocabularyHash
    }

    private init(header h: (grammar: UInt32, vocabularyVersion: UInt32, vocabularySize: UInt32, hash: UInt64)) {
        grammarVersion = h.grammar; vocabularyVersion = h.vocabularyVersion; vocabularySize = h.vocabularySize; vocabularyHash = h.hash
    }

    /// Number of examples N.
    public var count: Int { sourceOffsets.count - 1 }

    /// Appends one example. Precondition: every id is in 0..<vocabularySize and the totals stay below 2³².
    public mutating func append(source: some Collection<Int>, target: some Collection<Int>) {
        for id in source { precondition(id >= 0 && id < Int(vocabularySize), "source id \(id) is not in 0..<\(vocabularySize)") }
        for id in target { precondition(id >= 0 && id < Int(vocabularySize), "target id \(id) is not in 0..<\(vocabularySize)") }
        precondition(sourceIds.count + source.count < Int(UInt32.max) && targetIds.count + target.count < Int(UInt32.max),
                     "a shard holds fewer than 2^32 tokens per side")
        sourceIds += source.map { UInt16($0) }; targetIds += target.map { UInt16($0) }
        sourceOffsets.append(UInt32(sourceIds.count)); targetOffsets.append(UInt32(targetIds.count))
    }

    /// Example i's source ids.
    public func source(_ i: Int) -> ArraySlice<UInt16> { sourceIds[Int(sourceOffsets[i])..<Int(sourceOffsets[i + 1])] }
    /// Example i's target ids.
    public func target(_ i: Int) -> ArraySlice<UInt16> { targetIds[Int(targetOffsets[i])..<Int(targetOffsets[i + 1])] }

    /// The file's bytes (deterministic: the same examples give the same bytes).
    public func encoded() -> Data {
        let n = count
        var d = Data(capacity: Self.headerSize + 8 * (n + 1) + 2 * (sourceIds.count + targetIds.count))
        d.append(contentsOf: Self.magic)
        for v in [Self.formatVersion, grammarVersion, vocabularyVersion, vocabularySize] { d.appendLittleEndian(v) }
        for v in [vocabularyHash, UInt64(n), UInt64(sourceIds.count), UInt64(targetIds.count), 0] { d.appendLittleEndian(v) }
        d.appendLittleEndian(sourceOffsets); d.appendLittleEndian(targetOffsets)
        d.appendLittleEndian(sourceIds); d.appendLittleEndian(targetIds)
        let sum = Self.checksum(d)
        d.replaceSubrange(56..<64, with: withUnsafeBytes(of: sum.littleEndian) { Data($0) })
        return d
    }

    /// Writes the shard to a temporary file beside `url`, then renames it over `url`.
    public func write(to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try encoded().write(to: tmp)
        if rename(tmp.path, url.path) != 0 {
            let err = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw TokenShardError(file: url.path, problem: "cannot write: \(err)", regenerate: "")
        }
    }

    /// FNV-1a 64 over `data` without bytes 56..<64 (the checksum field).
    public static func checksum(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> UInt64 in
            var h: UInt64 = 0xcbf29ce484222325
            for i in 0..<min(56, raw.count) { h = (h ^ UInt64(raw[i])) &* 0x100000001b3 }
            if raw.count > 64 { for i in 64..<raw.count { h = (h ^ UInt64(raw[i])) &* 0x100000001b3 } }
            return h
        }
    }
}

/// What a reader requires of a shard's header (nil: not checked).
public struct TokenShardExpectation: Sendable, Equatable {
    public var grammarVersion: Int?
    public var vocabularyVersion: Int?
    public var vocabularySize: Int?
    public var vocabularyHash: UInt64?
    public init(grammarVersion: Int? = nil, vocabularyVersion: Int? = nil, vocabularySize: Int? = nil, vocabularyHash: UInt64? = nil) {
        self.grammarVersion = grammarVersion; self.vocabularyVersion = vocabularyVersion
        self.vocabularySize = vocabularySize; self.vocabularyHash = vocabularyHash
    }
}

/// A shard that cannot be used: names the file, what is wrong, and how to regenerate it.
public struct TokenShardError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let problem: String
    /// How to make a good file again (e.g. the corpus command from the manifest); empty if unknown.
    public let regenerate: String
    public init(file: String, problem: String, regenerate: String) {
        self.file = file; self.problem = problem; self.regenerate = regenerate
    }
    public var description: String {
        "\(file): \(problem)" + (regenerate.isEmpty ? "" : "; \(regenerate)")
    }
}

extension TokenShard {
    /// Reads and validates a shard file. Checks, in order: size of the header, magic, format version, exact file
    /// size (truncated or trailing bytes), the header against `expecting`, the checksum, then the offsets and ids.
    /// - Parameter regenerate: appended to every error (say how to regenerate the file).
    public static func read(_ url: URL, expecting: TokenShardExpectation = .init(), regenerate: String = "") throws -> TokenShard {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TokenShardError(file: url.path, problem: "cannot read the file", regenerate: regenerate)
        }
        return try decode(data, file: url.path, expecting: expecting, regenerate: regenerate)
    }

    /// Validates and decodes a shard's bytes (`file` names it in errors).
    public static func decode(_ data: Data, file: String, expecting e: TokenShardExpectation = .init(), regenerate: String = "") throws -> TokenShard {
        func fail(_ problem: String) -> TokenShardError { TokenShardError(file: file, problem: problem, regenerate: regenerate) }
        guard data.count >= headerSize else {
            throw fail("truncated: \(data.count) bytes, shorter than the \(headerSize)-byte header of a token shard")
        }
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> TokenShard in
            func u32(_ o: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt32.self)) }
            func u64(_ o: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt64.self)) }
            guard Array(raw[0..<8]) == magic else {
                throw fail("not a token shard (bad magic bytes \(raw[0..<8].map { String(format: "%02x", $0) }.joined()), expected \"LGTKSHRD\")")
            }
            let version = u32(8)
            guard version == formatVersion else {
                throw fail("token shard format version \(version); this build reads version \(formatVersion)")
            }
            let n = u64(32), s = u64(40), t = u64(48)
            guard n < UInt64(UInt32.max), s < UInt64(UInt32.max), t < UInt64(UInt32.max) else {
                throw fail("corrupt header (counts N=\(n), S=\(s), T=\(t) exceed 2^32)")
            }
            let expected = headerSize + 8 * (Int(n) + 1) + 2 * (Int(s) + Int(t))
            guard data.count == expected else {
                throw fail(data.count < expected
                    ? "truncated: \(data.count) bytes, but its header (N=\(n) examples, \(s)+\(t) tokens) needs \(expected)"
                    : "\(data.count - expected) unexpected bytes after the payload (header says \(expected) bytes)")
            }
            var shard = TokenShard(header: (u32(12), u32(16), u32(20), u64(24)))
            if let g = e.grammarVersion, g != Int(shard.grammarVersion) {
                throw fail("grammar version \(shard.grammarVersion), expected \(g)")
            }
            if let v = e.vocabularyVersion, v != Int(shard.vocabularyVersion) {
                throw fail("vocabulary version \(shard.vocabularyVersion), expected \(v)")
            }
            if let v = e.vocabularySize, v != Int(shard.vocabularySize) {
                throw fail("vocabulary size \(shard.vocabularySize), expected \(v)")
            }
            if let h = e.vocabularyHash, h != shard.vocabularyHash {
                throw fail("vocabulary hash \(String(format: "%016llx", shard.vocabularyHash)), expected \(String(format: "%016llx", h)) (written with another vocabulary)")
            }
            let stored = u64(56), actual = checksum(data)
            guard stored == actual else {
                throw fail("checksum mismatch (header \(String(format: "%016llx", stored)), contents \(String(format: "%016llx", actual))): the file is corrupt")
            }
            var o = headerSize
            func array<T: FixedWidthInteger>(_ count: Int, _: T.Type) -> [T] {
                let a = [T](unsafeUninitializedCapacity: count) { buf, done in
                    UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[o..<(o + count * MemoryLayout<T>.size)]))
                    done = count
                }
                o += count * MemoryLayout<T>.size
                return a.map { T(littleEndian: $0) }
            }
            shard.sourceOffsets = array(Int(n) + 1, UInt32.self)
            shard.targetOffsets = array(Int(n) + 1, UInt32.self)
            shard.sourceIds = array(Int(s), UInt16.self)
            shard.targetIds = array(Int(t), UInt16.self)
            // A good checksum over a buggy writer's output is still checked: offsets monotone and ending at S, T.
            for (name, off, total) in [("source", shard.sourceOffsets, s), ("target", shard.targetOffsets, t)] {
                guard off.first == 0, off.last == UInt32(total), zip(off, off.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                    throw fail("corrupt \(name) offsets (not increasing from 0 to \(total))")
                }
            }
            let largest = max(shard.sourceIds.max() ?? 0, shard.targetIds.max() ?? 0)
            guard n == 0 || UInt32(largest) < shard.vocabularySize else {
                throw fail("token id \(largest) is not in 0..<\(shard.vocabularySize)")
            }
            return shard
        }
    }
}

extension Data {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ a: [T]) {
        let le = a.map { $0.littleEndian }
        le.withUnsafeBytes { append(contentsOf: $0) }
    }
}
