import PanoramaKit

extension BuiltinRegistry {
    /// Linear regression: fit a model from a formula, then use it.
    static let regressionBuiltins: [Builtin] = [
        Builtin("ols", .regression, summary: "least-squares regression (OLS, or WLS with weights=) with R/statsmodels diagnostics; AIC/BIC count k = rank (σ not counted)",
                parameters: [
                    .required("formula", "y ~ x1 + x2; C(x) for categories, I(x^2) for arithmetic, - 1 for no intercept"),
                    Parameter("data", "a frame whose columns the formula names (default: variables)"),
                    .keyword("weights", "weights per row (a column or expression): weighted least squares; a weight of 0 leaves the row out, as in R"),
                    .choice("robust", "\"HC0\", \"HC1\", \"HC2\" or \"HC3\" (true means HC3): heteroscedasticity-robust errors", ["HC0", "HC1", "HC2", "HC3"]),
                ],
                example: "p = load(\"panorama\") |> where(edition == 14)\nols(log(cost) ~ log(duration) + C(phase), p)",
                quoted: ["weights"]) { ctx in
            try RegressionBridge.ols(&ctx)
        },
        Builtin("qreg", .regression, summary: "quantile regression: the tau-quantile of y given x, exact (simplex; interior point above 8 columns)",
                parameters: [
                    .required("formula", "y ~ x1 + x2, as for ols"),
                    Parameter("data", "a frame whose columns the formula names (default: variables)"),
                    .keyword("tau", "the quantile(s) to fit, one coefficient column each (default 0.8: the P80)", default: "0.8"),
                    .keyword("weights", "positive weights per row (a column or expression)"),
                    .choice("se", "standard errors: \"nid\" (default, Hendricks–Koenker sandwich), \"iid\" (Koenker–Bassett) or \"boot\" (xy-pairs bootstrap)", ["nid", "iid", "boot"]),
                    .keyword("reps", "bootstrap resamples for se=\"boot\" (default 200)", default: "200"),
                    .keyword("seed", "bootstrap seed (default .seed, else drawn and shown)"),
                    .choice("method", "\"br\" (simplex from the least-squares vertex; default up to 8 columns, where it is faster at every n measured) or \"fn\" (Frisch–Newton interior point, then simplex; default above, where it is faster): the same exact answer either way", ["br", "fn"]),
                ],
                example: "p = load(\"panorama\") |> where(edition == 14)\nqreg(log(cost) ~ log(duration), p, tau=[0.5, 0.8, 0.95])",
                quoted: ["weights"]) { ctx in
            try RegressionBridge.qreg(&ctx)
        },
        Builtin("glm", .regression, summary: "generalized linear model (logistic, Poisson) by IRLS, with R's summary.glm statistics",
                parameters: [
                    .required("formula", "y ~ x1 + x2; the response 0/1 or true/false (binomial) or counts (poisson)"),
                    Parameter("data", "a frame whose columns the formula names (default: variables)"),
                    .choice("family", "\"binomial\" (default) or \"poisson\"", ["binomial", "poisson"]),
                    .choice("link", "binomial: \"logit\" (default), \"probit\", \"cloglog\"; poisson: \"log\" (default), \"identity\", \"sqrt\"",
                            GLMLink.allCases.map(\.rawValue)),
                    .keyword("weights", "prior weights per row; for a binomial proportion, the numbers of trials"),
                    .keyword("offset", "a known term added to the linear predictor (e.g. log(exposure))"),
                    .choice("robust", "\"HC0\", \"HC1\", \"HC2\" or \"HC3\" (true means HC3): sandwich errors", ["HC0", "HC1", "HC2", "HC3"]),
                    .keyword("maxit", "Fisher scoring iterations allowed (default 50); a fit that has not converged by then is an error"),
                ],
                example: "d = frame(x=[1, 2, 3, 4, 5, 6, 7, 8], y=[0, 0, 1, 0, 1, 0, 1, 1])\nglm(y ~ x, d)",
                quoted: ["weights", "offset"]) { ctx in
            try RegressionBridge.glm(&ctx)
        },
        Builtin("coef", .regression, summary: "a model's coefficients as a frame (term, estimate; one column per tau for qreg)",
                parameters: [.required("m", "a model from ols(), glm() or qreg()")],
                example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\ncoef(ols(y ~ x, d))") { ctx in
            if let q = RegressionBridge.quantileModel(ctx) { return .frame(q.coefficientColumns) }
            let m = try RegressionBridge.fittedModel(ctx)
            return .frame(Frame(columns: [m.coefficientFrame.columns[0], m.coefficientFrame.columns[1]]))
        },
        Builtin("confint", .regression, summary: "confidence intervals of a model's coefficients (t, n − rank df; robust if the model is)",
                parameters: [.required("m", "a model from ols(), glm() or qreg()"), Parameter("level", "confidence level (default 0.95)", default: "0.95"),
                             .choice("method", "glm: \"wald\" (default, as printed) or \"profile\" (profile likelihood, as MASS)", ["wald", "profile"])],
                example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\nconfint(ols(y ~ x, d), level=0.9)") { ctx in
            let level = try RegressionBridge.level(ctx)
            if let q = RegressionBridge.quantileModel(ctx) { return .frame(q.intervals(level: level)) }
            let m = try RegressionBridge.fittedModel(ctx)
            let ci: [(low: Double, high: Double)]
            switch m {
            case .linear(let l):
                if let method = try ctx.string("method"), method != "wald" {
                    throw ctx.fail("method=\"\(method)\" is for glm models; an ols interval is exact (t)")
                }
                ci = l.model.confidenceIntervals(level: level)
            case .generalized(let g): ci = try RegressionBridge.glmIntervals(g, ctx, level: level)
            }
            return .frame(Frame(columns: [
                m.coefficientFrame.columns[0],
                Column(name: "lower", label: RegressionSummary.percentLabel((1 - level) / 2), .number(ci.map(\.low))),
                Column(name: "upper", label: RegressionSummary.percentLabel((1 + level) / 2), .number(ci.map(\.high))),
            ]))
        },
        Builtin("predict", .regression, summary: "predictions of a model, with confidence or prediction intervals (fit, lwr, upr); one column per tau for qreg",
                parameters: [
                    .required("m", "a model from ols(), glm() or qreg()"),
                    Parameter("newdata", "a frame with the model's variables (default: the rows fitted)"),
                    .choice("interval", "\"confidence\" (the mean) or \"prediction\" (a new observation; ols only)", ["confidence", "prediction"]),
                    .choice("type", "glm: \"response\" (default, the mean) or \"link\" (the linear predictor)", ["response", "link"]),
                    .keyword("level", "interval level (default 0.95)", default: "0.95"),
                ],
                example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\nm = ols(y ~ x, d)\npredict(m, frame(x=[7, 8]), interval=\"prediction\")", frameScope: false) { ctx in
            if let q = RegressionBridge.quantileModel(ctx) { return try RegressionBridge.predictQuantiles(q, ctx) }
            return try RegressionBridge.predict(&ctx)
        },
        Builtin("residuals", .regression, summary: "a model's residuals y − ŷ (a glm's deviance residuals), one per row fitted",
                parameters: [.required("m", "a model from ols()")], example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\nresiduals(ols(y ~ x, d))") { ctx in
            if let q = RegressionBridge.quantileModel(ctx) { return try q.perTau(try q.model.taus.indices.map { try q.model.residuals($0) }, "residuals") }
            return switch try RegressionBridge.fittedModel(ctx) {
            case .linear(let m): .vector(Column(name: "residuals", .number(m.model.residuals)))
            case .generalized(let g): .vector(Column(name: "residuals", .number(g.devianceResiduals)))
            }
        },
        Builtin("fitted", .regression, summary: "a model's fitted values ŷ, one per row fitted",
                parameters: [.required("m", "a model from ols()")], example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\nfitted(ols(y ~ x, d))") { ctx in
            if let q = RegressionBridge.quantileModel(ctx) { return try q.perTau(try q.model.predict(q.model.design), "fitted") }
            return switch try RegressionBridge.fittedModel(ctx) {
            case .linear(let m): .vector(Column(name: "fitted", .number(m.model.fitted)))
            case .generalized(let g): .vector(Column(name: "fitted", .number(g.model.fitted)))
            }
        },
        Builtin("vif", .regression, summary: "variance inflation factors 1/(1 − R²ⱼ) of a model's predictors",
                parameters: [.required("m", "a model from ols()")],
                example: "d = frame(x=[1, 2, 3, 4, 5, 6], z=[2, 1, 4, 3, 6, 7], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\nvif(ols(y ~ x + z, d))") { ctx in
            let m = try RegressionBridge.model(ctx)
            let v = try m.model.varianceInflationFactors()
            let keep = m.model.design.columnNames.indices.filter { $0 != m.model.design.interceptColumn }
            return .frame(Frame(columns: [
                Column(name: "term", .text(Categorical(keep.map { Optional(m.model.design.columnNames[$0]) }))),
                Column(name: "vif", .number(keep.map { v[$0] })),
            ]))
        },
        Builtin("bootstrap", .regression, summary: "refit a model on resampled rows: percentile intervals for every coefficient",
                parameters: [
                    .required("m", "a model from ols()"),
                    .keyword("reps", "number of resamples (default 1000)", default: "1000"),
                    .keyword("seed", "random seed (default .seed, else drawn and shown)"),
                    .keyword("level", "interval level (default 0.95)", default: "0.95"),
                ],
                example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\nbootstrap(ols(y ~ x, d), reps=2000, seed=1)") { ctx in
            try RegressionBridge.bootstrap(&ctx)
        },
    ]
}
