import Foundation

/// Export to and import from Hugging Face `transformers` (`BartForConditionalGeneration.from_pretrained`).
///
/// Our tensor names already are BART's, and our weights are stored as PyTorch stores them ([out × in]), so
/// export writes the same tensors plus the tied copies (`model.encoder.embed_tokens.weight`,
/// `model.decoder.embed_tokens.weight`, `lm_head.weight`), a BartConfig `config.json`, and, when a vocabulary is
/// known, a `tokenizer.json` (WordLevel over whitespace-separated tokens). Import accepts what
/// `save_pretrained` writes (tied copies optional, `final_logits_bias` optional) and rejects configurations our
/// kernels do not implement (other activations, unequal encoder/decoder widths) with a message. A pre-LN model is
/// exported and imported as mBART (`MBartForConditionalGeneration`, model_type "mbart"), whose only differences from
/// BART are the order of layer norm and residual and the two final layer norms.
public enum HuggingFace {
    static let tiedCopies = ["model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight", "lm_head.weight"]

    /// The BartConfig dictionary for `config` (an MBartConfig for a pre-LN model: same fields, mBART's layout).
    public static func bartConfig(_ c: ModelConfig) -> [String: Any] {
        var d: [String: Any] = [
            "architectures": [c.preLayerNorm ? "MBartForConditionalGeneration" : "BartForConditionalGeneration"],
            "model_type": c.preLayerNorm ? "mbart" : "bart",
            "vocab_size": c.vocabSize, "d_model": c.dModel, "max_position_embeddings": c.maxPositions,
            "encoder_layers": c.encoderLayers, "decoder_layers": c.decoderLayers,
            "encoder_attention_heads": c.heads, "decoder_attention_heads": c.heads,
            "encoder_ffn_dim": c.ffn, "decoder_ffn_dim": c.ffn,
            "activation_function": "gelu", "dropout": 0.0, "attention_dropout": 0.0, "activation_dropout": 0.0,
            "classifier_dropout": 0.0, "encoder_layerdrop": 0.0, "decoder_layerdrop": 0.0,
            "init_std": 0.02, "scale_embedding": c.scaleEmbedding, "use_cache": true, "is_encoder_decoder": true,
            "tie_word_embeddings": true, "normalize_before": false, "add_final_layer_norm": false,
            "pad_token_id": Int(c.padId), "bos_token_id": Int(c.bosId), "eos_token_id": Int(c.eosId),
            "decoder_start_token_id": Int(c.decoderStartId), "forced_eos_token_id": NSNull(), "forced_bos_token_id": NSNull(),
            "torch_dtype": "float32", "lagrangify_config_name": c.name,
        ]
        if c.preLayerNorm { d["normalize_before"] = nil; d["add_final_layer_norm"] = nil }   // BART-only switches
        return d
    }

    /// JSON with sorted keys, one key per line, and Doubles always written with a decimal point: transformers 5
    /// validates config fields strictly (a float field given `0` is rejected), which JSONSerialization's `0`
    /// for 0.0 would trip.
    static func jsonText(_ dict: [String: Any]) -> String {
        func value(_ v: Any) -> String {
            switch v {
            case let b as Bool: return b ? "true" : "false"
            case let i as Int: return String(i)
            case let d as Double: return d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : "\(d)"
            case let s as String: return SafeTensors.jsonString(s)
            case let a as [Any]: return "[" + a.map(value).joined(separator: ", ") + "]"
            case is NSNull: return "null"
            default: return SafeTensors.jsonString("\(v)")
            }
        }
        return "{\n" + dict.keys.sorted().map { "  \(SafeTensors.jsonString($0)): \(value(dict[$0]!))" }.joined(separator: ",\n") + "\n}\n"
    }

    /// Writes config.json, model.safetensors and (with `vocabulary`) tokenizer.json into `dir`.
    public static func export(_ model: Seq2SeqModel<Float>, to dir: URL, vocabulary: [String]?) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try atomicWrite(Data(jsonText(bartConfig(model.config)).utf8), to: dir.appendingPathComponent("config.json"))
        var tensors = model.layout.tensors.map {
            (name: $0.name, shape: $0.shape, values: UnsafeBufferPointer(start: model.params.p + $0.offset, count: $0.count))
        }
        let shared = model.layout.tensors[0]
        precondition(shared.name == "model.shared.weight")
        for name in tiedCopies {
            tensors.append((name, shared.shape, UnsafeBufferPointer(start: model.params.p + shared.offset, count: shared.count)))
        }
        try atomicWrite(SafeTensors.encode(tensors, metadata: ["format": "pt"]), to: dir.appendingPathComponent("model.safetensors"))
        if let vocabulary {
            try atomicWrite(tokenizerJSON(vocabulary, config: model.config), to: dir.appendingPathComponent("tokenizer.json"))
        }
    }

    /// A `tokenizers` WordLevel tokenizer: whitespace-split tokens looked up in the vocabulary.
    static func tokenizerJSON(_ vocab: [String], config c: ModelConfig) throws -> Data {
        var map: [String: Int] = [:]
        for (i, t) in vocab.enumerated() where map[t] == nil { map[t] = i }
        let unk = map["<unk>"] != nil ? "<unk>" : vocab[Int(c.padId)]
        let specials = [c.bosId, c.padId, c.eosId].map { id -> [String: Any] in
            ["id": Int(id), "content": vocab[Int(id)], "single_word": false, "lstrip": false, "rstrip": false,
             "normalized": false, "special": true]
        }
        let obj: [String: Any] = [
            "version": "1.0", "truncation": NSNull(), "padding": NSNull(), "added_tokens": specials,
            "normalizer": NSNull(), "pre_tokenizer": ["type": "WhitespaceSplit"], "post_processor": NSNull(),
            "decoder": NSNull(), "model": ["type": "WordLevel", "vocab": map, "unk_token": unk],
        ]
        return try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
    }

    /// Reads a Hugging Face BART directory (config.json + model.safetensors) into a model named `name`.
    public static func importModel(from dir: URL, name: String = "imported") throws -> Seq2SeqModel<Float> {
        let cURL = dir.appendingPathComponent("config.json")
        guard let data = FileManager.default.contents(atPath: cURL.path),
              let j = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ModelError.badCheckpoint("no readable config.json in \(dir.path)")
        }
        func int(_ k: String) throws -> Int {
            guard let v = j[k] as? Int else { throw ModelError.badCheckpoint("config.json lacks integer '\(k)'") }
            return v
        }
        let type = j["model_type"] as? String ?? "bart"
        guard type == "bart" || type == "mbart" else {
            throw ModelError.badCheckpoint("config.json has model_type '\(type)'; only 'bart' (BartForConditionalGeneration, post-LN) and 'mbart' (MBartForConditionalGeneration, pre-LN) are supported")
        }
        if let a = j["activation_function"] as? String, a != "gelu" {
            throw ModelError.badCheckpoint("activation_function '\(a)' is not implemented (only exact 'gelu')")
        }
        if type == "bart" && ((j["normalize_before"] as? Bool) == true || (j["add_final_layer_norm"] as? Bool) == true) {
            throw ModelError.badCheckpoint("a 'bart' config with normalize_before / add_final_layer_norm is not implemented; pre-LN is read as model_type 'mbart'")
        }
        guard try int("encoder_attention_heads") == int("decoder_attention_heads"), try int("encoder_ffn_dim") == int("decoder_ffn_dim") else {
            throw ModelError.badCheckpoint("encoder and decoder must have the same heads and ffn width")
        }
        var cfg = ModelConfig(name: name, dModel: try int("d_model"), encoderLayers: try int("encoder_layers"),
                              decoderLayers: try int("decoder_layers"), heads: try int("encoder_attention_heads"),
                              ffn: try int("encoder_ffn_dim"), vocabSize: try int("vocab_size"),
                              maxPositions: try int("max_position_embeddings"))
        if let v = j["pad_token_id"] as? Int { cfg.padId = Int32(v) }
        if let v = j["bos_token_id"] as? Int { cfg.bosId = Int32(v) }
        if let v = j["eos_token_id"] as? Int { cfg.eosId = Int32(v) }
        if let v = j["decoder_start_token_id"] as? Int { cfg.decoderStartId = Int32(v) }
        if let v = j["scale_embedding"] as? Bool { cfg.scaleEmbedding = v } else if type == "mbart" { cfg.scaleEmbedding = true }
        cfg.preLayerNorm = type == "mbart"
        try cfg.validate()
        let file = try SafeTensors.read(dir.appendingPathComponent("model.safetensors"))
        var entries = file.entries
        if entries["model.shared.weight"] == nil {
            guard let alt = tiedCopies.first(where: { entries[$0] != nil }) else {
                throw ModelError.badCheckpoint("model.safetensors has no shared embedding (model.shared.weight or a tied copy)")
            }
            entries["model.shared.weight"] = entries[alt]
        }
        for name in tiedCopies { entries[name] = nil }
        let model = Seq2SeqModel<Float>(config: cfg, seed: 0)
        let biasName = "final_logits_bias"
        let hasBias = entries[biasName] != nil
        if !hasBias { entries[biasName] = nil }
        let view = SafeTensors.File(metadata: file.metadata, entries: entries, data: file.data, dataStart: file.dataStart)
        var layout = model.layout.tensors
        if !hasBias { layout.removeAll { $0.name == biasName } }
        for t in layout {
            guard let e = view.entries[t.name] else { throw ModelError.badCheckpoint("model.safetensors lacks '\(t.name)'") }
            guard e.shape == t.shape else {
                throw ModelError.badCheckpoint("'\(t.name)' has shape \(e.shape), config.json implies \(t.shape)")
            }
            let v = try view.floats(t.name)
            v.withUnsafeBufferPointer { (model.params.p + t.offset).update(from: $0.baseAddress!, count: t.count) }
        }
        if !hasBias { (model.params.p + model.layout.finalLogitsBias).update(repeating: 0, count: cfg.vocabSize) }
        let known = Set(model.layout.tensors.map(\.name))
        if let extra = view.entries.keys.sorted().first(where: { !known.contains($0) }) {
            throw ModelError.badCheckpoint("model.safetensors has tensor '\(extra)' that a \(type == "mbart" ? "mBART" : "BART") model does not have")
        }
        return model
    }

    /// Writes `lagrangify_parity.json` into `out`: three fixed inputs with our teacher-forced logits and greedy
    /// outputs, for an independent comparison with transformers (Scripts/hf_parity.py).
    public static func writeParitySample(_ model: Seq2SeqModel<Float>, to out: URL) throws {
        let c = model.config
        var rng = SplitMix64(seed: 2024)
        func seq(_ n: Int) -> [Int32] { (0..<n).map { _ in Int32(3 + Int(rng.next() % UInt64(max(1, c.vocabSize - 3)))) } }
        let lengths = [(9, 7), (5, 4), (12, 10)].map { (min($0.0, c.maxPositions - 2), min($0.1, c.maxPositions - 1)) }
        var cases: [[String: Any]] = []
        let greedyLen = min(20, c.maxPositions)
        let dec = Seq2SeqDecoder(model: model, maxRows: 1, maxSource: c.maxPositions, maxLength: greedyLen)
        for (s, t) in lengths {
            let src = c.frameSource(seq(s)), labels = c.frameTarget(seq(t))
            let batch = Seq2SeqBatch(encoderInputs: [src], labels: [labels], config: c)
            let logits = model.logits(batch)
            let loss = model.forward(batch)
            let greedy = dec.greedy([src], options: DecodingOptions(maxLength: greedyLen))[0]
            cases.append(["input_ids": src.map(Int.init), "decoder_input_ids": batch.decoderInput.map(Int.init),
                          "labels": labels.map(Int.init), "loss": loss,
                          "logits": logits.map(Double.init), "greedy": [Int(c.decoderStartId)] + greedy.tokens.map(Int.init),
                          "greedy_max_length": greedyLen])
        }
        let data = try JSONSerialization.data(withJSONObject: ["vocab_size": c.vocabSize, "cases": cases])
        try atomicWrite(data, to: out.appendingPathComponent("lagrangify_parity.json"))
    }
}
