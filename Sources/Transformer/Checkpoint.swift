import Foundation

/// A model directory: `config.json` (format, version, `ModelConfig`) and `model.safetensors` (every tensor of
/// `ParameterLayout` under its Hugging Face BART name). A training checkpoint adds `training.json` (step, data
/// position, options) and `optimizer.safetensors` (AdamW moments `m.NAME`, `v.NAME`). Every file is written to a
/// temporary file and renamed; every read checks format, version, names, shapes and sizes.
public enum Checkpoint {
    public static let format = "lagrangify-seq2seq"
    public static let formatVersion = 1

    struct ConfigFile: Codable {
        var format: String
        var format_version: Int
        var model: ModelConfig
    }

    /// Writes config.json and model.safetensors into `dir` (created if needed).
    public static func saveModel(_ model: Seq2SeqModel<Float>, to dir: URL, dtype: SafeTensors.DType = .F32) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try atomicWrite(try enc.encode(ConfigFile(format: format, format_version: formatVersion, model: model.config)),
                        to: dir.appendingPathComponent("config.json"))
        let data = encodeSlab(model.params, layout: model.layout, prefix: "", dtype: dtype,
                              metadata: ["format": format, "format_version": String(formatVersion), "config": model.config.name])
        try atomicWrite(data, to: dir.appendingPathComponent("model.safetensors"))
    }

    /// Reads config.json.
    public static func loadConfig(_ dir: URL) throws -> ModelConfig {
        let url = dir.appendingPathComponent("config.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ModelError.badCheckpoint("no config.json in \(dir.path); is this a model directory written by `lagrangify train`?")
        }
        let cf: ConfigFile
        do { cf = try JSONDecoder().decode(ConfigFile.self, from: data) } catch {
            throw ModelError.badCheckpoint("\(url.path) is not a lagrangify model config (\(error)); for a Hugging Face model use `lagrangify import-hf`")
        }
        guard cf.format == format else { throw ModelError.badCheckpoint("\(url.path) has format '\(cf.format)', expected '\(format)'") }
        guard cf.format_version == formatVersion else {
            throw ModelError.badCheckpoint("\(url.path) has format_version \(cf.format_version); this build reads \(formatVersion)")
        }
        try cf.model.validate()
        return cf.model
    }

    /// Loads a model directory, validating every tensor.
    public static func loadModel(_ dir: URL) throws -> Seq2SeqModel<Float> {
        let cfg = try loadConfig(dir)
        let file = try SafeTensors.read(dir.appendingPathComponent("model.safetensors"))
        if let v = file.metadata["format_version"], v != String(formatVersion) {
            throw ModelError.badCheckpoint("model.safetensors has format_version \(v); this build reads \(formatVersion)")
        }
        let model = Seq2SeqModel<Float>(config: cfg, seed: 0)
        try fillSlab(model.params, layout: model.layout, from: file, prefix: "", source: "model.safetensors")
        return model
    }

    /// Every layout tensor as (name, shape, values) from `slab`.
    static func encodeSlab(_ slab: Slab<Float>, layout: ParameterLayout, prefix: String, dtype: SafeTensors.DType,
                           metadata: [String: String]) -> Data {
        let tensors = layout.tensors.map {
            (name: prefix + $0.name, shape: $0.shape, values: UnsafeBufferPointer(start: slab.p + $0.offset, count: $0.count))
        }
        return SafeTensors.encode(tensors, dtype: dtype, metadata: metadata)
    }

    /// Copies every layout tensor from `file` into `slab`; missing tensors, wrong shapes and unknown extra
    /// tensors are errors naming the tensor.
    static func fillSlab(_ slab: Slab<Float>, layout: ParameterLayout, from file: SafeTensors.File, prefix: String,
                         source: String) throws {
        for t in layout.tensors {
            guard let e = file.entries[prefix + t.name] else {
                throw ModelError.badCheckpoint("\(source) lacks tensor '\(prefix + t.name)' (written for another configuration?)")
            }
            guard e.shape == t.shape else {
                throw ModelError.badCheckpoint("\(source): tensor '\(prefix + t.name)' has shape \(e.shape), config.json implies \(t.shape)")
            }
            let v = try file.floats(prefix + t.name)
            v.withUnsafeBufferPointer { (slab.p + t.offset).update(from: $0.baseAddress!, count: t.count) }
        }
        let known = Set(layout.tensors.map { prefix + $0.name })
        if let extra = file.entries.keys.sorted().first(where: { !known.contains($0) }) {
            throw ModelError.badCheckpoint("\(source) has tensor '\(extra)' that config.json does not describe")
        }
    }
}
