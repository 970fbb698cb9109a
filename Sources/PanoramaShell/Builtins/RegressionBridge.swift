import PanoramaKit

/// The builtins' side of regression: evaluates a formula's factors on a frame and hands typed
/// columns to the kernel (`ModelDesign`, `LinearModel`, `BootstrapResult`).
enum RegressionBridge {
    static func model(_ ctx: CallContext) throws -> ModelValue {
        if case .object(let o)? = ctx["m"], o is GLMValue { throw ctx.fail("'m' must be a model from ols(), not a glm") }
        return try ctx.requiredObject("m", as: ModelValue.self, kind: "model")
    }

    static func level(_ ctx: CallContext) throws -> Double {
        let level = try ctx.requiredNumber("level")
        guard level > 0 && level < 1 else {
            throw ctx.fail("'level' must be between 0 and 1, not \(NumberFormat().string(level))")
        }
        return level
    }

    /// What every model builtin starts from: the formula, the frame, the response and factors
    /// evaluated on it. `data |> ols(formula)` works too.
    struct ModelInputs {
        var formula: Formula
        var structure: FormulaStructure
        var frame: Frame?
        var response: ModelFactor
        var factors: [ModelFactor]
    }

    static func inputs(_ ctx: inout CallContext) throws -> ModelInputs {
        var formulaValue = try ctx.required("formula")
        var data = ctx["data"]
        if case .frame = formulaValue, let d = data, case .formula = d { swap(&formulaValue, &data!) }
        guard case .formula(let formula) = formulaValue else {
            throw ctx.fail("'formula' must be a formula like y ~ x, not a \(formulaValue.kindName)")
        }
        guard formula.lhs != nil else { throw ctx.fail("the formula needs a response: y ~ x") }
        var frame: Frame?
        if let data {
            guard case .frame(let f) = data else { throw ctx.fail("'data' must be a frame, not a \(data.kindName)") }
            frame = f
        }
        let structure = try FormulaStructure(formula)
        let response = try structure.response!.evaluate(ctx, in: frame, count: frame?.rowCount, response: true)
        let factors = try structure.factors.map { try $0.evaluate(ctx, in: frame, count: response.count) }
        return ModelInputs(formula: formula, structure: structure, frame: frame, response: response, factors: factors)
    }

    /// A quoted per-row argument (`weights=`, `offset=`: a column or an expression) as numbers.
    static func rowNumbers(_ ctx: CallContext, _ name: String, in frame: Frame?, count: Int) throws -> [Double]? {
        guard let argument = ctx.arguments[name] else { return nil }
        let column = try FormulaFactor.column(try ctx.evaluate(argument.expr, in: frame), name: name,
                                              count: count, at: argument.range)
        guard case .number(let v) = column.data else {
            throw ctx.fail("'\(name)' must be numbers, not \(column.data.typeName)")
        }
        return v
    }

    /// The design of a model builtin's `formula`, `data` and `weights=` arguments, with the
    /// formula's structure and text (ols and qreg).
    static func design(_ ctx: inout CallContext) throws -> (ModelDesign, FormulaStructure, String) {
        let input = try inputs(&ctx)
        let weights = try rowNumbers(ctx, "weights", in: input.frame, count: input.response.count)
        let design = try ModelDesign.build(response: input.response, factors: input.factors, terms: input.structure.terms,
                                           intercept: input.structure.intercept, weights: weights)
        return (design, input.structure, input.formula.text)
    }

    /// `ols(formula, data, weights=, robust=)`.
    static func ols(_ ctx: inout CallContext) throws -> Value {
        let covariance = try covarianceType(ctx)
        let (design, structure, formula) = try design(&ctx)
        let model = try LinearModel.fit(design, formula: formula, covariance: covariance)
        return .object(ModelValue(model: model, structure: structure))
    }

    static func covarianceType(_ ctx: CallContext) throws -> CovarianceType {
        guard let value = ctx["robust"] else { return .nonrobust }
        switch value {
        case .bool(let b): return b ? .hc3 : .nonrobust
        case .string(let s):
            if let t = CovarianceType.allCases.first(where: { $0.rawValue.lowercased() == s.lowercased() }) { return t }
            if s.lowercased() == "none" { return .nonrobust }
            let hint = suggestion(for: s, among: CovarianceType.allCases.map(\.rawValue)).map { ". Did you mean '\($0)'?" } ?? ""
            throw ctx.fail("'robust' must be \"HC0\", \"HC1\", \"HC2\" or \"HC3\", not \"\(s)\"\(hint)")
        default:
            throw ctx.fail("'robust' must be \"HC0\", \"HC1\", \"HC2\", \"HC3\" or true, not a \(value.kindName)")
        }
    }

    /// `predict(m, newdata, interval=, level=)`.
    static func predict(_ ctx: inout CallContext) throws -> Value {
        if case .generalized(let g) = try fittedModel(ctx) { return try predictGLM(g, &ctx) }
        if try ctx.string("type") != nil { throw ctx.fail("'type' is for glm models") }
        let m = try model(ctx)
        let interval: LinearModel.Interval
        switch try ctx.string("interval") {
        case nil, "none": interval = .none
        case "confidence": interval = .confidence
        case "prediction": interval = .prediction
        case let other?:
            throw ctx.fail("'interval' must be \"confidence\" or \"prediction\", not \"\(other)\"")
        }
        let level = try level(ctx)
        var newDesign: ModelDesign?
        if let newdata = try ctx.frame("newdata") {
            let n = newdata.rowCount
            let factors = try m.structure.factors.map { try $0.evaluate(ctx, in: newdata, count: n) }
            newDesign = try m.model.design.coding.matrix(factors: factors, rows: Array(0..<n))
        }
        let result = m.model.predict(newDesign ?? m.model.design, interval: interval, level: level)
        if interval == .none { return .vector(Column(name: "fit", .number(result.fit))) }
        return .frame(Frame(columns: [
            Column(name: "fit", .number(result.fit)),
            Column(name: "lwr", .number(result.lower)),
            Column(name: "upr", .number(result.upper)),
        ]))
    }

    /// Each row's overrun factor under a model of the log overrun factor (`simulate(…, overrun=m)`):
    /// a lognormal with the model's prediction for that row as meanlog and the predictive
    /// standard deviation √(xᵀΣx + σ²) as sdlog. Rows whose predictors are `na` give nil.
    /// - Throws: when the model's response is not `log(…)`, or the frame lacks its variables.
    static func overrunFactors(_ m: ModelValue, for data: Frame, _ ctx: CallContext) throws -> [Distribution?] {
        guard let response = m.structure.response, response.name.hasPrefix("log(") else {
            let name = m.structure.response?.name ?? "nothing"
            throw ctx.failure("overrun=model needs a model of the log overrun factor, like ols(log(factor) ~ phase + …); "
                              + "this model's response is '\(name)'", argument: "overrun")
        }
        let n = data.rowCount
        let factors = try m.structure.factors.map { try $0.evaluate(ctx, in: data, count: n) }
        func factor(_ mean: Double, _ sd: Double) -> Distribution? {
            mean.isFinite && sd.isFinite && sd > 0 ? .lognormal(meanlog: mean, sdlog: sd) : nil
        }
        if let design = try? m.model.design.coding.matrix(factors: factors, rows: Array(0..<n)) {
            let (mean, sd) = m.model.predictive(design)
            return (0..<n).map { factor(mean[$0], sd[$0]) }
        }
        // Some row has a category level the model never saw: those rows cannot be predicted.
        return (0..<n).map { i in
            guard let design = try? m.model.design.coding.matrix(factors: factors, rows: [i]) else { return nil }
            let (mean, sd) = m.model.predictive(design)
            return factor(mean[0], sd[0])
        }
    }

    /// `bootstrap(m, reps=, seed=, level=)`.
    static func bootstrap(_ ctx: inout CallContext) throws -> Value {
        let m = try model(ctx)
        let reps = try ctx.requiredInt("reps", in: 1...10_000_000)
        let level = try level(ctx)
        var seed: UInt64
        if let s = try ctx.int("seed", in: 0...Int(1 << 53)) {
            seed = UInt64(s)
        } else if let s = ctx.defaultSeed {
            seed = s
        } else {
            seed = UInt64.random(in: 0..<(1 << 53))
            ctx.note("bootstrap seed \(seed) (give seed=\(seed) to repeat)")
        }
        let cancelled = ctx.cancellation
        let result = try BootstrapResult.run(m.model, replications: reps, seed: seed, level: level,
                                             isCancelled: { cancelled() })
        return .object(BootstrapValue(result: result, formula: m.model.formula))
    }
}
