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
        Builtin("coef", .regression, summary: "a model's coefficients as a frame (term, estimate)",
                parameters: [.required("m", "a model from ols()")],
                example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\ncoef(ols(y ~ x, d))") { ctx in
            let m = try RegressionBridge.model(ctx)
            return .frame(Frame(columns: [m.coefficientFrame.columns[0], m.coefficientFrame.columns[1]]))
        },
        Builtin("confint", .regression, summary: "confidence intervals of a model's coefficients (t, n − rank df; robust if the model is)",
                parameters: [.required("m", "a model from ols()"), Parameter("level", "confidence level (default 0.95)", default: "0.95")],
                example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\nconfint(ols(y ~ x, d), level=0.9)") { ctx in
            let m = try RegressionBridge.model(ctx)
            let level = try RegressionBridge.level(ctx)
            let ci = m.model.confidenceIntervals(level: level)
            return .frame(Frame(columns: [
                m.coefficientFrame.columns[0],
                Column(name: "lower", label: RegressionSummary.percentLabel((1 - level) / 2), .number(ci.map(\.low))),
                Column(name: "upper", label: RegressionSummary.percentLabel((1 + level) / 2), .number(ci.map(\.high))),
            ]))
        },
        Builtin("predict", .regression, summary: "predictions of a model, with confidence or prediction intervals (fit, lwr, upr)",
                parameters: [
                    .required("m", "a model from ols()"),
                    Parameter("newdata", "a frame with the model's variables (default: the rows fitted)"),
                    .choice("interval", "\"confidence\" (the mean) or \"prediction\" (a new observation)", ["confidence", "prediction"]),
                    .keyword("level", "interval level (default 0.95)", default: "0.95"),
                ],
                example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\nm = ols(y ~ x, d)\npredict(m, frame(x=[7, 8]), interval=\"prediction\")", frameScope: false) { ctx in
            try RegressionBridge.predict(&ctx)
        },
        Builtin("residuals", .regression, summary: "a model's residuals y − ŷ, one per row fitted",
                parameters: [.required("m", "a model from ols()")], example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\nresiduals(ols(y ~ x, d))") { ctx in
            .vector(Column(name: "residuals", .number(try RegressionBridge.model(ctx).model.residuals)))
        },
        Builtin("fitted", .regression, summary: "a model's fitted values ŷ, one per row fitted",
                parameters: [.required("m", "a model from ols()")], example: "d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 3.9, 6.2, 7.8, 10.1, 11.8])\nfitted(ols(y ~ x, d))") { ctx in
            .vector(Column(name: "fitted", .number(try RegressionBridge.model(ctx).model.fitted)))
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
