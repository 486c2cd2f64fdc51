import Foundation
import Exact
import Lagrangian
import LieGroups

/// Reading a candidate Lagrangian in the builder's JSON format (`lagrangify --format json`, schema version 1 in
/// Sources/Lagrangian/README.md), so any tool that writes that schema can be checked.
///
/// Only what the judge needs is read: per term `kind`, `fields` (`field`, `conjugated`), `conjugation` (or
/// `hermitian`), `contraction`, and the flavour partitions of `coupling.flavour`. Field positions are mapped by
/// name onto the judge's canonical field list when the file lists its fields; entries that cannot be read as a term
/// at all become `unreadable` messages (the verdict is then `wrong`), never a crash.
public enum CandidateJSON {
    public struct Parsed: Sendable {
        public var terms: [CandidateTerm]
        public var unreadable: [String]
    }

    /// An error in the file as a whole (not JSON, wrong format tag or version): the message says how to fix it.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    static func object(_ data: Data) throws(FormatError) -> [String: Any] {
        guard let any = try? JSONSerialization.jsonObject(with: data), let obj = any as? [String: Any] else {
            throw FormatError(message: "the candidate is not a JSON object; give the output of `lagrangify --format json` (schema version 1)")
        }
        if let f = obj["format"] as? String, f != "lagrangify.lagrangian" {
            throw FormatError(message: "the candidate has format '\(f)', expected 'lagrangify.lagrangian'")
        }
        if let v = obj["version"] as? Int, v != Lagrangian.jsonFormatVersion {
            throw FormatError(message: "the candidate has schema version \(v); this build reads version \(Lagrangian.jsonFormatVersion)")
        }
        guard obj["terms"] is [Any] else { throw FormatError(message: "the candidate JSON has no \"terms\" array") }
        return obj
    }

    /// The field list a candidate file declares (for `lagrangify check --json FILE` without `--fields`).
    public static func fields(_ data: Data) throws(FormatError) -> [Field] {
        let obj = try object(data)
        guard let fs = obj["fields"] as? [Any], !fs.isEmpty else {
            throw FormatError(message: "the candidate JSON lists no \"fields\"; give them with --fields \"…\"")
        }
        var out: [Field] = []
        for (i, any) in fs.enumerated() {
            guard let f = any as? [String: Any], let name = f["name"] as? String, !name.isEmpty,
                  let su3 = f["su3"] as? [Int], su3.count == 2, su3.allSatisfy({ $0 >= 0 && $0 <= 8 }),
                  let su2 = f["su2"] as? [Int], su2.count == 1, su2[0] >= 0, su2[0] <= 8,
                  let ys = f["hypercharge"] as? String, let y = Rational(ys) else {
                throw FormatError(message: "fields[\(i)] needs name, su3 [p, q], su2 [p] (0…8) and hypercharge \"a/b\"")
            }
            let spin: Spin
            switch f["spin"] as? String {
            case "0": spin = .scalar
            case "1/2": spin = .weylFermion
            default: throw FormatError(message: "fields[\(i)] (\(name)): spin must be \"0\" or \"1/2\"")
            }
            let rep = GaugeRep(su3: su3, su2: su2, hypercharge: y)
            let real = f["real"] as? Bool ?? false, rh = f["declaredRightHanded"] as? Bool ?? false
            let gens = f["generations"] as? Int ?? 1
            if real && !(spin == .scalar && rep.isReal) {
                throw FormatError(message: "fields[\(i)] (\(name)): only a scalar in a real representation with Y = 0 can be real")
            }
            if rh && spin != .weylFermion { throw FormatError(message: "fields[\(i)] (\(name)): only fermions are right-handed") }
            guard (1...12).contains(gens) else { throw FormatError(message: "fields[\(i)] (\(name)): generations must be 1…12") }
            out.append(Field(name: name, spin: spin, rep: rep, isReal: real, declaredRightHanded: rh, generations: gens))
        }
        return out
    }

    /// The candidate terms, with positions mapped onto `fields` (canonical order) by name.
    public static func terms(_ data: Data, fields: [Field]) throws(FormatError) -> Parsed {
        let obj = try object(data)
        // File position → our position, by name where the file names its fields.
        var map: [Int: Int] = [:]
        var fileNames: [Int: String] = [:]
        if let fs = obj["fields"] as? [Any] {
            for (i, any) in fs.enumerated() {
                guard let f = any as? [String: Any], let name = f["name"] as? String else { continue }
                let idx = (f["index"] as? Int) ?? i
                fileNames[idx] = name
                if let ours = fields.firstIndex(where: { $0.name == name }) { map[idx] = ours }
            }
        }
        var out = Parsed(terms: [], unreadable: [])
        for (ti, any) in (obj["terms"] as? [Any] ?? []).enumerated() {
            switch term(any, map: map, named: !fileNames.isEmpty, fileNames: fileNames) {
            case .success(let t): out.terms.append(t)
            case .failure(let e): out.unreadable.append("terms[\(ti)]: \(e.message)")
            }
        }
        return out
    }

    static func term(_ any: Any, map: [Int: Int], named: Bool, fileNames: [Int: String]) -> Result<CandidateTerm, FormatError> {
        func bad(_ m: String) -> Result<CandidateTerm, FormatError> { .failure(FormatError(message: m)) }
        guard let t = any as? [String: Any] else { return bad("not an object") }
        guard let ks = t["kind"] as? String, let kind = TermKind(rawValue: ks) else {
            return bad("kind '\(t["kind"] ?? "none")' is not one of \(TermKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let fs = t["fields"] as? [Any], !fs.isEmpty else { return bad("no \"fields\" (the factors)") }
        var factors: [Letter] = []
        for f in fs {
            guard let o = f as? [String: Any], let idx = o["field"] as? Int else { return bad("a factor without \"field\"") }
            let c = o["conjugated"] as? Bool ?? false
            if named {
                guard let ours = map[idx] else {
                    return bad("factor field \(idx) (\(fileNames[idx] ?? "not in the file's field list")) is not in the field list being checked")
                }
                factors.append(Letter(field: ours, isConjugated: c))
            } else {
                factors.append(Letter(field: idx, isConjugated: c))
            }
        }
        let conjugation: Conjugation
        if let cs = t["conjugation"] as? String {
            guard let c = Conjugation(rawValue: cs) else { return bad("conjugation '\(cs)' is unknown") }
            conjugation = c
        } else if let h = t["hermitian"] as? Bool {
            conjugation = h ? .hermitian : .plusHermitianConjugate
        } else { conjugation = kind == .kinetic ? .hermitian : .plusHermitianConjugate }
        var contractions: [SUContraction]? = nil
        if let c = t["contraction"] as? [String: Any] {
            var cs: [SUContraction] = []
            for (key, n) in [("su3", 3), ("su2", 2), ("lorentz", 2)] {
                guard let g = c[key] as? [String: Any] else { return bad("contraction.\(key) is missing") }
                var deltas: [SUDelta] = []
                for d in g["deltas"] as? [Any] ?? [] {
                    guard let o = d as? [String: Any], let u = o["upper"] as? Int, let l = o["lower"] as? Int else {
                        return bad("contraction.\(key): a δ needs \"upper\" and \"lower\"")
                    }
                    let m = o["multiplicity"] as? Int ?? 1
                    guard (1...16).contains(m) else { return bad("contraction.\(key): δ multiplicity \(m) out of range 1…16") }
                    deltas.append(SUDelta(upper: u, lower: l, multiplicity: m))
                }
                var eps: [[Int]] = []
                for e in g["epsilons"] as? [Any] ?? [] {
                    guard let legs = e as? [Int], legs.count == n else { return bad("contraction.\(key): an ε needs \(n) factor positions") }
                    let sorted = legs.sorted()
                    guard Set(sorted).count == n else {
                        return bad("contraction.\(key): ε \(legs) joins a factor twice (zero: a factor's indices are symmetric)")
                    }
                    // An ε with unsorted legs is ± the sorted one; the sign does not change the span.
                    eps.append(sorted)
                }
                cs.append(SUContraction(n: n, deltas: deltas, epsilons: eps, epsilonsLowered: g["epsilonsLowered"] as? Bool ?? true))
            }
            contractions = cs
        } else if kind != .kinetic {
            return bad("a \(kind.rawValue) term needs a \"contraction\"")
        }
        var partitions: [Letter: [Int]] = [:]
        if let coupling = t["coupling"] as? [String: Any] {
            for f in coupling["flavour"] as? [Any] ?? [] {
                guard let o = f as? [String: Any], let pos = o["factors"] as? [Int], let part = o["partition"] as? [Int] else { continue }
                guard pos.count >= 2 else { continue }
                guard pos.allSatisfy({ $0 >= 0 && $0 < factors.count }) else { return bad("coupling.flavour names a factor position out of range") }
                partitions[factors[pos[0]]] = part
            }
        }
        return .success(CandidateTerm(kind: kind, factors: factors, contractions: contractions, conjugation: conjugation,
                                      partitions: partitions))
    }
}
