import LieGroups

/// `--format json`: the schema is documented in README.md ("JSON schema, version 1"). Keys come in a fixed order and
/// the output is deterministic, so it can be diffed and hashed.
extension Lagrangian {
    public static let jsonFormatVersion = 1

    public func json(notes: [String] = [], generations: Int? = nil) -> String {
        let w = JSONWriter()
        w.object {
            w.field("format") { w.string("lagrangify.lagrangian") }
            w.field("version") { w.int(Lagrangian.jsonFormatVersion) }
            w.field("conventions") {
                w.object {
                    w.field("hypercharge") { w.string("Q = T3 + Y (Y_H = 1/2)") }
                    w.field("fermions") { w.string("left-handed Weyl fields; a right-handed field is stored as its conjugate") }
                    w.field("epsilon") { w.string("epsilon_{12} = epsilon_{123} = +1, lower or upper as given") }
                    w.field("operatorCounting") { w.string("O + h.c. counts 2, hermitian 1, every independent flavour component counts; kinetic terms 0") }
                }
            }
            w.field("fields") {
                w.array(fields.indices) { i in
                    let f = fields[i]
                    w.object {
                        w.field("index") { w.int(i) }
                        w.field("name") { w.string(f.name) }
                        w.field("display") { w.string(displayName(Letter(field: i, isConjugated: false))) }
                        w.field("spin") { w.string(f.spin == .scalar ? "0" : "1/2") }
                        w.field("su3") { w.ints(f.rep.su3) }
                        w.field("su2") { w.ints(f.rep.su2) }
                        w.field("hypercharge") { w.string(f.rep.hypercharge.description) }
                        w.field("real") { w.bool(f.isReal) }
                        w.field("declaredRightHanded") { w.bool(f.declaredRightHanded) }
                        w.field("generations") { w.int(f.generations) }
                    }
                }
            }
            w.field("terms") { w.array(terms.indices) { i in termJSON(terms[i], w) } }
            w.field("totals") {
                w.object {
                    w.field("terms") { w.int(terms.count) }
                    w.field("kineticTerms") { w.int(terms.filter { $0.kind == .kinetic }.count) }
                    w.field("interactionTerms") { w.int(terms.filter { $0.kind != .kinetic }.count) }
                    w.field("operators") { w.int(operatorCount) }
                    w.field("realParameters") { w.int(realParameterCount) }
                }
            }
            w.field("notes") { w.array(notes.indices) { w.string(notes[$0]) } }
        }
        return w.text + "\n"
    }

    func termJSON(_ t: Term, _ w: JSONWriter) {
        w.object {
            w.field("kind") { w.string(t.kind.rawValue) }
            w.field("fields") {
                w.array(t.factors.indices) { k in
                    let l = t.factors[k]
                    w.object {
                        w.field("field") { w.int(l.field) }
                        w.field("name") { w.string(fields[l.field].name) }
                        w.field("conjugated") { w.bool(l.isConjugated) }
                    }
                }
            }
            w.field("text") { w.string(termText(t)) }
            w.field("hermitian") { w.bool(t.conjugation != .plusHermitianConjugate) }
            w.field("conjugation") { w.string(t.conjugation.rawValue) }
            if let c = t.contraction, let ix = t.indexed(fields: fields) {
                w.field("contraction") {
                    w.object {
                        w.field("su3") { contractionJSON(c.su3, w) }
                        w.field("su2") { contractionJSON(c.su2, w) }
                        w.field("lorentz") { contractionJSON(c.lorentz, w) }
                    }
                }
                w.field("indices") {
                    w.object {
                        w.field("factors") {
                            w.array(ix.factors.indices) { k in
                                let f = ix.factors[k]
                                w.object {
                                    w.field("position") { w.int(f.position) }
                                    w.field("flavour") { if let s = f.flavour { w.string(s) } else { w.null() } }
                                    w.field("su3Upper") { w.strings(f.su3Upper) }
                                    w.field("su3Lower") { w.strings(f.su3Lower) }
                                    w.field("su2Upper") { w.strings(f.su2Upper) }
                                    w.field("su2Lower") { w.strings(f.su2Lower) }
                                    w.field("spinor") { w.strings(f.spinor) }
                                }
                            }
                        }
                        w.field("epsilons") {
                            w.array(ix.epsilons.indices) { k in
                                let e = ix.epsilons[k]
                                w.object {
                                    w.field("group") { w.string(e.group) }
                                    w.field("lowered") { w.bool(e.lowered) }
                                    w.field("indices") { w.strings(e.indices) }
                                }
                            }
                        }
                    }
                }
            } else {
                w.field("contraction") { w.null() }
            }
            if let c = t.coupling {
                let ix = t.indexed(fields: fields)
                w.field("coupling") {
                    w.object {
                        w.field("name") { w.string(c.asciiName) }
                        w.field("display") { w.string(c.name) }
                        w.field("flavourIndices") { w.strings(ix?.couplingFlavour ?? []) }
                        w.field("flavour") {
                            w.array(c.flavour.indices) { k in
                                let fs = c.flavour[k]
                                w.object {
                                    w.field("factors") { w.ints(Array(fs.factors)) }
                                    w.field("generations") { w.int(fs.generations) }
                                    w.field("symmetry") { w.string(fs.name) }
                                    w.field("partition") { w.ints(fs.partition) }
                                    w.field("components") { w.int(fs.components) }
                                }
                            }
                        }
                    }
                }
                w.field("flavourComponents") { w.int(c.components) }
            } else {
                w.field("coupling") { w.null() }
                w.field("flavourComponents") { w.int(0) }
            }
            w.field("operators") { w.int(t.operatorCount) }
            w.field("realParameters") { w.int(t.realParameterCount) }
        }
    }

    func contractionJSON(_ c: SUContraction, _ w: JSONWriter) {
        w.object {
            w.field("deltas") {
                w.array(c.deltas.indices) { k in
                    let d = c.deltas[k]
                    w.object {
                        w.field("upper") { w.int(d.upper) }
                        w.field("lower") { w.int(d.lower) }
                        w.field("multiplicity") { w.int(d.multiplicity) }
                    }
                }
            }
            w.field("epsilons") { w.array(c.epsilons.indices) { w.ints(c.epsilons[$0]) } }
            w.field("epsilonsLowered") { w.bool(c.epsilonsLowered) }
        }
    }
}

/// A minimal deterministic JSON writer (compact, keys in insertion order).
final class JSONWriter {
    private(set) var text = ""
    private var first: [Bool] = []

    func separator() {
        if let f = first.last { if !f { text += "," }; first[first.count - 1] = false }
    }
    func object(_ body: () -> Void) {
        text += "{"; first.append(true); body(); first.removeLast(); text += "}"
    }
    func field(_ key: String, _ value: () -> Void) {
        separator(); text += JSONWriter.quote(key) + ":"
        first.append(true); value(); first.removeLast()
    }
    func array(_ range: Range<Int>, _ element: (Int) -> Void) {
        text += "["; first.append(true)
        for i in range { separator(); first.append(true); element(i); first.removeLast() }
        first.removeLast(); text += "]"
    }
    func string(_ s: String) { text += JSONWriter.quote(s) }
    func int(_ n: Int) { text += String(n) }
    func bool(_ b: Bool) { text += b ? "true" : "false" }
    func null() { text += "null" }
    func ints(_ xs: [Int]) { text += "[" + xs.map(String.init).joined(separator: ",") + "]" }
    func strings(_ xs: [String]) { text += "[" + xs.map(JSONWriter.quote).joined(separator: ",") + "]" }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 { out += String(format4: u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension String {
    init(format4 v: UInt32) {
        let hex = String(v, radix: 16)
        self = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
