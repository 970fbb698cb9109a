extension Int {
    /// The Int nearest `value`, held within ±2⁵³ (NaN gives 0): the one conversion for a
    /// Double computed from user data (a chart position, a bin count, an exponent), where
    /// `Int(value)` would trap on 1e308, an infinity or a NaN. ±2⁵³ leaves room to add to it.
    ///
    /// `Int(saturating: 1e308) // 9007199254740992`
    public init(saturating value: Double) {
        guard !value.isNaN else { self = 0; return }
        self = Int(Swift.max(-0x1p53, Swift.min(0x1p53, value)))
    }
}
