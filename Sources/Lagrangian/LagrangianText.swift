/// The default text output: Unicode, one term per line, grouped by kind.
extension Lagrangian {
    /// How a field is written: scalars by name (conjugate with †); a declared right-handed fermion by the name of its
    /// left-handed conjugate (ū for a one-letter name, chiᶜ otherwise).
    public func displayName(_ l: Letter) -> String {
        let f = fields[l.field]
        var s = f.name
        if f.spin == .weylFermion && f.declaredRightHanded { s = Field.conjugateName(s) }
        if l.isConjugated { s += "†" }
        return s
    }

    static func indexString(_ up: [String], _ down: [String]) -> String {
        func part(_ mark: String, _ xs: [String]) -> String {
            if xs.isEmpty { return "" }
            let j = xs.joined()
            return mark + (xs.count == 1 && j.count == 1 ? j : "{" + j + "}")
        }
        return part("^", up) + part("_", down)
    }

    /// One factor with flavour and gauge indices: `Q[q]^{ai}`, `ū_a`, `H†_i`.
    func factorText(_ f: IndexedTerm.Factor) -> String {
        displayName(f.letter) + (f.flavour.map { "[\($0)]" } ?? "")
            + Lagrangian.indexString(f.su3Upper + f.su2Upper, f.su3Lower + f.su2Lower)
    }

    /// The operator part of a term (no coupling): ε's, then factors, fermion pairs in parentheses.
    public func operatorText(_ t: Term) -> String {
        if t.kind == .kinetic { return kineticText(t) }
        return operatorText(t.indexed(fields: fields)!)
    }

    func operatorText(_ ix: IndexedTerm) -> String {
        var parts: [String] = ix.epsilons.filter { $0.group != "Lorentz" }.map { e in
            "ε" + Lagrangian.indexString(e.lowered ? [] : e.indices, e.lowered ? e.indices : [])
        }
        let fermions = ix.factors.filter { fields[$0.letter.field].spin == .weylFermion }
        if !fermions.isEmpty { parts.append("(" + fermions.map(factorText).joined(separator: " ") + ")") }
        parts += ix.factors.filter { fields[$0.letter.field].spin == .scalar }.map(factorText)
        return parts.joined(separator: " ")
    }

    func kineticText(_ t: Term) -> String {
        let f = fields[t.factors[0].field]
        let name = displayName(Letter(field: t.factors[0].field, isConjugated: false))
        let singlet = f.rep.su3 == [0, 0] && f.rep.su2 == [0] && f.rep.hypercharge.isZero
        let d = singlet ? "∂" : "D"
        let flav = f.generations > 1 ? "  (\(f.generations) flavours, summed)" : ""
        switch (f.spin, f.isReal) {
        case (.weylFermion, _): return "i \(name)† σ̄^μ \(d)_μ \(name)" + flav
        case (.scalar, true): return "½ (\(d)_μ\(name))(\(d)^μ\(name))" + flav
        case (.scalar, false): return "(\(d)_μ\(name))†(\(d)^μ\(name))" + flav
        }
    }

    /// The full line of a term: coupling, operator, "+ h.c." where needed.
    public func termText(_ t: Term) -> String {
        guard let c = t.coupling else { return operatorText(t) }
        let ix = t.indexed(fields: fields)!
        let g = c.name + (ix.couplingFlavour.isEmpty ? "" : "[" + ix.couplingFlavour.joined() + "]")
        let op = operatorText(ix)
        switch t.conjugation {
        case .hermitian: return "\(g) \(op)"
        case .antiHermitian: return "i \(g) \(op)"
        case .plusHermitianConjugate: return "\(g) \(op) + h.c."
        case .realPart: return "\(g) (\(op) + h.c.)"
        case .imaginaryPart: return "i \(g) (\(op) − h.c.)"
        }
    }

    /// "y₁: general 3×3 …" for couplings with flavour indices; nil without generations.
    public func flavourText(_ t: Term) -> String? {
        guard let c = t.coupling, let d = flavourDescription(t) else { return nil }
        return "\(c.name): \(d)"
    }

    /// The flavour structure of a term's coupling in words (ASCII): "symmetric in pq; 6 independent complex
    /// components"; nil without generations.
    public func flavourDescription(_ t: Term) -> String? {
        guard let c = t.coupling, !c.flavour.isEmpty, let ix = t.indexed(fields: fields) else { return nil }
        let labels = ix.couplingFlavour
        var k = 0
        let groups: [String] = c.flavour.map { fs in
            let ls = labels[k..<(k + fs.factors.count)].joined()
            k += fs.factors.count
            return fs.factors.count == 1 ? ls : "\(fs.name) in \(ls)"
        }
        let sym = groups.filter { $0.contains(" in ") }
        let desc = sym.isEmpty ? "general" : sym.joined(separator: ", ")
        switch t.conjugation {
        case .plusHermitianConjugate:
            return "\(desc); \(c.components) independent complex components"
        case .hermitian, .antiHermitian, .realPart, .imaginaryPart:
            let herm = c.flavour.count >= 2 ? " (hermitian in flavour space)" : ""
            return "\(desc); \(c.components) independent real parameters" + herm
        }
    }

    /// The whole Lagrangian as text. `notes` are appended (the anomaly report).
    public func text(notes: [String] = []) -> String {
        var s = "Lagrangian for " + fields.map(\.name).joined(separator: " ")
            + "  (Q = T3 + Y; fermions are left-handed Weyl fields, a right-handed field enters as its conjugate ψ̄)\n"
        s += "Fields:\n"
        for (i, f) in fields.enumerated() {
            let l = Letter(field: i, isConjugated: false)
            let p = f.rep.su3[0], q = f.rep.su3[1], r = f.rep.su2[0]
            let up = (0..<p).map { Term.label(Term.su3Labels, $0) } + (0..<r).map { Term.label(Term.su2Labels, $0) }
            let down = (0..<q).map { Term.label(Term.su3Labels, p + $0) }
            var kind = f.spin == .scalar ? (f.isReal ? "real scalar" : "complex scalar") : "left-handed Weyl fermion"
            if f.declaredRightHanded { kind += " (conjugate of the right-handed \(f.name) in \(f.userRep))" }
            let gens = f.generations > 1 ? ", \(f.generations) flavours" : ""
            let template = displayName(l) + Lagrangian.indexString(up, down)
            s += "  \(template.padding(10)) \(f.rep.description.padding(18)) \(kind)\(gens)\n"
        }
        for kind in TermKind.allCases {
            let ts = terms(ofKind: kind)
            if ts.isEmpty { continue }
            s += "\n" + kind.title
            if kind == .kinetic {
                s += " (canonical; kinetic mixing between fields of equal quantum numbers is removed by field redefinition)"
            }
            s += ":\n"
            for t in ts {
                s += "  " + termText(t) + "\n"
                if let f = flavourText(t) { s += "      " + f + "\n" }
            }
        }
        let interactions = terms.filter { $0.kind != .kinetic }.count
        s += "\nTotals: \(interactions) interaction terms, \(operatorCount) operators (h.c. counted separately, every flavour component), \(realParameterCount) real parameters.\n"
        s += "Notation: repeated indices are summed (a, b, … SU(3); i, j, … SU(2); p, q, … flavour); upper = fundamental;\n"
        s += "  ε_{12} = ε_{123} = +1; (ψχ) = ψ^α χ_α; each coupling is independent, signs absorbed.\n"
        for n in notes { s += n + "\n" }
        return s
    }
}

extension String {
    /// Pads with spaces to `n` characters (no truncation).
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
