import PanoramaKit

/// The builtins' side of generalized linear models: `glm`, and `confint`, `predict`,
/// `residuals` and `fitted` on a glm.
extension RegressionBridge {
    /// Either kind of fitted model, for the builtins that take both.
    enum FittedModel {
        case linear(ModelValue)
        case generalized(GLMValue)

        var coefficientFrame: Frame {
            switch self {
            case .linear(let m): m.coefficientFrame
            case .generalized(let g): g.coefficientFrame
            }
        }
    }

    static func fittedModel(_ ctx: CallContext) throws -> FittedModel {
        if case .object(let o)? = ctx["m"], let g = o as? GLMValue { return .generalized(g) }
        return .linear(try model(ctx))
    }

    /// `glm(formula, data, family=, link=, weights=, offset=, robust=)`.
    static func glm(_ ctx: inout CallContext) throws -> Value {
        let input = try inputs(&ctx)
        let familyName = try ctx.string("family") ?? "binomial"
        guard let family = GLMFamily(rawValue: familyName.lowercased()) else {
            let hint = suggestion(for: familyName, among: GLMFamily.allCases.map(\.rawValue)).map { ". Did you mean '\($0)'?" } ?? ""
            throw ctx.fail("'family' must be \"binomial\" or \"poisson\", not \"\(familyName)\"\(hint)")
        }
        var link: GLMLink?
        if let name = try ctx.string("link") {
            guard let l = GLMLink(rawValue: name.lowercased()), family.links.contains(l) else {
                let names = family.links.map(\.rawValue)
                let hint = suggestion(for: name, among: names).map { ". Did you mean '\($0)'?" } ?? ""
                throw ctx.fail("the \(family.rawValue) family takes link "
                               + names.map { "\"\($0)\"" }.joined(separator: ", ") + ", not \"\(name)\"\(hint)")
            }
            link = l
        }
        let covariance = try covarianceType(ctx)
        let n = input.response.count
        let weights = try rowNumbers(ctx, "weights", in: input.frame, count: n)
        let design = try ModelDesign.build(response: input.response, factors: input.factors, terms: input.structure.terms,
                                           intercept: input.structure.intercept, weights: weights)
        let offset = try rowNumbers(ctx, "offset", in: input.frame, count: n).map { o in design.rows.map { o[$0] } }
        if let offset, let k = offset.firstIndex(where: \.isNaN) {
            throw ctx.fail("'offset' is na in row \(design.rows[k] + 1); give every row used an offset")
        }
        let maxit = try ctx.number("maxit") ?? Double(GeneralizedLinearModel.defaultMaximumIterations)
        guard maxit >= 1, maxit <= 10_000, maxit == maxit.rounded() else {
            throw ctx.fail("'maxit' must be a whole number of iterations from 1 to 10,000, not \(NumberFormat().string(maxit))")
        }
        let cancelled = ctx.cancellation
        let model = try GeneralizedLinearModel.fit(design, formula: input.formula.text, family: family, link: link,
                                                   offset: offset, covariance: covariance, maximumIterations: Int(maxit),
                                                   isCancelled: { cancelled() })
        return .object(GLMValue(model: model, structure: input.structure, offsetExpression: ctx.arguments["offset"]?.expr))
    }

    /// `confint(m, level, method=)` on a glm: Wald or profile-likelihood intervals.
    static func glmIntervals(_ g: GLMValue, _ ctx: CallContext, level: Double) throws -> [(low: Double, high: Double)] {
        switch try ctx.string("method") {
        case nil, "wald": return g.model.confidenceIntervals(level: level)
        case "profile":
            let cancelled = ctx.cancellation
            return try g.model.profileIntervals(level: level, isCancelled: { cancelled() })
        case let other?: throw ctx.fail("'method' must be \"wald\" or \"profile\", not \"\(other)\"")
        }
    }

    /// `predict(m, newdata, type=, interval=, level=)` on a glm.
    static func predictGLM(_ g: GLMValue, _ ctx: inout CallContext) throws -> Value {
        let scale: GeneralizedLinearModel.PredictionScale
        switch try ctx.string("type") {
        case nil, "response": scale = .response
        case "link": scale = .link
        case let other?: throw ctx.fail("'type' must be \"response\" or \"link\", not \"\(other)\"")
        }
        let interval: Bool
        switch try ctx.string("interval") {
        case nil, "none": interval = false
        case "confidence": interval = true
        case let other?:
            throw ctx.fail("a glm predicts means: 'interval' must be \"confidence\", not \"\(other)\"")
        }
        let level = try level(ctx)
        let m = g.model
        var design = m.design
        var offset = m.offset
        if let newdata = try ctx.frame("newdata") {
            let n = newdata.rowCount
            let factors = try g.structure.factors.map { try $0.evaluate(ctx, in: newdata, count: n) }
            design = try m.design.coding.matrix(factors: factors, rows: Array(0..<n))
            offset = nil
            if let expr = g.offsetExpression {
                let column = try FormulaFactor.column(try ctx.evaluate(expr, in: newdata), name: "offset", count: n,
                                                      at: ctx.arguments["newdata"]?.range ?? ctx.range)
                guard case .number(let v) = column.data else { throw ctx.fail("the model's offset must be numbers in 'newdata'") }
                offset = v
            }
        }
        let result = m.predict(design, offset: offset, scale: scale, interval: interval, level: level)
        if !interval { return .vector(Column(name: "fit", .number(result.fit))) }
        return .frame(Frame(columns: [
            Column(name: "fit", .number(result.fit)),
            Column(name: "lwr", .number(result.lower)),
            Column(name: "upr", .number(result.upper)),
        ]))
    }
}
