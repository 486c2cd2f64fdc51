import Foundation
import Tokenizer
import Transformer

/// `lagrangify import-hf`: reads a Hugging Face BART directory into a lagrangify model directory.
enum ImportHFCommand: Subcommand {
    static let spec = CommandSpec(
        name: "import-hf",
        abstract: "Import a Hugging Face BART model (config.json + model.safetensors) for predict.",
        usage: ["import-hf DIR --out DIR"],
        arguments: [("DIR", "A directory written by save_pretrained (safetensors) or by export-hf.")],
        options: [OptionSpec("out", value: "DIR", help: "Model directory to write (created).")])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard a.positionals.count == 1 else { throw CLIError.usage("give exactly one Hugging Face model directory") }
        guard let o = a.value("out") else { throw CLIError.usage("missing --out DIR") }
        let src = URL(fileURLWithPath: a.positionals[0]), out = URL(fileURLWithPath: o)
        do {
            let model = try HuggingFace.importModel(from: src, name: "imported")
            try Checkpoint.saveModel(model, to: out)
            // Keep a vocabulary if the source has our vocab.txt or a WordLevel tokenizer.json.
            if let v = PredictCommand.loadVocabulary(src, size: model.config.vocabSize) ?? wordLevelVocabulary(src, size: model.config.vocabSize) {
                try Data((v.joined(separator: "\n") + "\n").utf8).write(to: out.appendingPathComponent("vocab.txt"), options: .atomic)
            }
            // A directory written by export-hf says its input form; any other reads as the paper form.
            try ModelInputSpec.copy(from: src, to: out)
            output.line("imported \(model.config.summary) into \(out.path)")
        } catch let e as ModelError { throw CLIError.failure(e.description) }
        catch let e as TokenizerError { throw CLIError.failure(e.description) }
        return 0
    }

    static func wordLevelVocabulary(_ dir: URL, size: Int) -> [String]? {
        guard let d = FileManager.default.contents(atPath: dir.appendingPathComponent("tokenizer.json").path),
              let j = try? JSONSerialization.jsonObject(with: d) as? [String: Any],
              let m = j["model"] as? [String: Any], let vocab = m["vocab"] as? [String: Int] else { return nil }
        var out = [String?](repeating: nil, count: size)
        for (t, i) in vocab where i >= 0 && i < size { out[i] = t }
        return out.contains(where: { $0 == nil }) ? nil : out.map { $0! }
    }
}
