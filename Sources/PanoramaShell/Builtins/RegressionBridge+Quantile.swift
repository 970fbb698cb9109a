import PanoramaKit

extension RegressionBridge {
    /// `qreg(formula, data, tau=, weights=, se=, reps=, seed=, method=)`; `data |> qreg(formula)` works too.
    static func qreg(_ ctx: inout CallContext) throws -> Value {
        let taus = try ctx.requiredNumbers("tau")
        guard !taus.isEmpty else { throw ctx.fail("'tau' needs at least one quantile") }
        for tau in taus where !(tau > 0 && tau < 1) {
            throw ctx.failure("'tau' must be between 0 and 1 (exclusive), not \(NumberFormat().string(tau))", argument: "tau")
        }
        var options = QuantileModel.Options(taus: taus)
        if let se = try ctx.string("se") {
            guard let method = QuantileModel.StandardErrors(rawValue: se.lowercased()) else {
                let names = QuantileModel.StandardErrors.allCases.map(\.rawValue)
                let hint = suggestion(for: se, among: names).map { ". Did you mean '\($0)'?" } ?? ""
                throw ctx.failure("'se' must be \"nid\", \"iid\" or \"boot\", not \"\(se)\"\(hint)", argument: "se")
            }
            options.standardErrors = method
        }
        switch try ctx.string("method") {
        case nil: break
        case "br"?: options.interiorPoint = false
        case "fn"?: options.interiorPoint = true
        case let other?:
            throw ctx.failure("'method' must be \"br\" (simplex) or \"fn\" (interior point, then simplex), not \"\(other)\"", argument: "method")
        }
        if options.standardErrors == .boot {
            options.replications = try ctx.int("reps", default: 200, in: 2...10_000_000)
            if let s = try ctx.int("seed", in: 0...Int(1 << 53)) {
                options.seed = UInt64(s)
            } else if let s = ctx.defaultSeed {
                options.seed = s
            } else {
                options.seed = UInt64.random(in: 0..<(1 << 53))
                ctx.note("bootstrap seed \(options.seed) (give seed=\(options.seed) to repeat)")
            }
        }
        let (design, structure, formula) = try design(&ctx)
        let cancelled = ctx.cancellation
        let model = try QuantileModel.fit(design, formula: formula, options: options, isCancelled: { cancelled() })
        return .object(QuantileModelValue(model: model, structure: structure))
    }

    /// The `m` argument when it is a quantile regression.
    static func quantileModel(_ ctx: CallContext) -> QuantileModelValue? {
        if case .object(let o)? = ctx["m"] { return o as? QuantileModelValue }
        return nil
    }

    /// `predict(m, newdata)` for a quantile regression: Xβ(τ), a vector for one τ, else a frame
    /// with one column per τ (`P50`, `P80`, …).
    static func predictQuantiles(_ m: QuantileModelValue, _ ctx: CallContext) throws -> Value {
        if let interval = try ctx.string("interval"), interval != "none" {
            throw ctx.failure("a quantile regression predicts quantiles; 'interval' applies to ols models", argument: "interval")
        }
        var design = m.model.design
        if let newdata = try ctx.frame("newdata") {
            let n = newdata.rowCount
            let factors = try m.structure.factors.map { try $0.evaluate(ctx, in: newdata, count: n) }
            design = try m.model.design.coding.matrix(factors: factors, rows: Array(0..<n))
        }
        let fits = try m.model.predict(design)
        if fits.count == 1 { return .vector(Column(name: "fit", .number(fits[0]))) }
        return .frame(Frame(columns: m.model.taus.indices.map {
            Column(name: QuantileModelValue.columnName(m.model.taus[$0]), .number(fits[$0]))
        }))
    }
}
