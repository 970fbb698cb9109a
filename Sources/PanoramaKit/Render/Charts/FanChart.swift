/// A forecast fan: the observed series as a line, then the forecast's point line inside its
/// 80 % and 95 % bands, periods at equal steps.
public struct FanChart: Sendable {
    /// One forecast period: its label, the point forecast and the two intervals.
    public struct Point: Sendable {
        public var label: String
        public var point: Double
        public var low80: Double
        public var high80: Double
        public var low95: Double
        public var high95: Double

        public init(label: String, point: Double, low80: Double, high80: Double, low95: Double, high95: Double) {
            self.label = label
            self.point = point
            self.low80 = low80
            self.high80 = high80
            self.low95 = low95
            self.high95 = high95
        }
    }
}
