namespace Segmentation.Data.Generation;

/// <summary>
/// The generating parameters of one planted segment. Behaviour: orders fall in an active period
/// from signup (or the window start) to <see cref="QuietDaysMin"/>–<see cref="QuietDaysMax"/> days
/// before the window end, either as a renewal process with mean gap <see cref="IntervalDays"/> and
/// gamma shape <see cref="Regularity"/> or, when <see cref="IntervalDays"/> is 0, as
/// <see cref="MinOrders"/> + Poisson(<see cref="ExtraOrders"/>) orders placed uniformly.
/// Category, occupation, city tier, acquisition, lifestyle and driver weights follow the orders of
/// <see cref="RetailVocabulary"/>.
/// </summary>
internal sealed record SegmentProfile
{
    public required PlantedSegment Segment { get; init; }
    public required double Share { get; init; }

    // Behaviour.
    public required int SignupDaysMin { get; init; }
    public required int SignupDaysMax { get; init; }
    public int QuietDaysMin { get; init; }
    public int QuietDaysMax { get; init; }
    public double IntervalDays { get; init; }
    public double Regularity { get; init; } = 1;
    public int MinOrders { get; init; } = 1;
    public double ExtraOrders { get; init; }
    public int MaxOrders { get; init; } = int.MaxValue;

    // Value: lines per order = MinLines + Poisson(ExtraLines); quantity per line = 1 + Poisson(ExtraQuantity).
    public int MinLines { get; init; } = 1;
    public required double ExtraLines { get; init; }
    public required double ExtraQuantity { get; init; }

    // Preferences (segment means of per-customer shares).
    public required double Online { get; init; }
    public required double Premium { get; init; }
    public required double BudgetOfRest { get; init; }
    public required double International { get; init; }
    public required double[] Categories { get; init; }

    // Attributes.
    public required double AgeMean { get; init; }
    public required double AgeDeviation { get; init; }
    public required double Female { get; init; }
    public required double[] Occupations { get; init; }
    public required double IncomeMedian { get; init; }
    public required double[] CityTiers { get; init; }
    public required double[] Acquisition { get; init; }
    public required double[] Lifestyles { get; init; }
    public required double PriceSensitivity { get; init; }
    public required double Satisfaction { get; init; }
    public required double[] Drivers { get; init; }
}

/// <summary>The planted segments' parameters (the table in docs/generator.md and data/README.md).</summary>
internal static class SegmentProfiles
{
    //                                   apparel beauty electr home groc sports books toys
    private static readonly double[] ChampionCategories = [0.20, 0.20, 0.25, 0.10, 0.03, 0.15, 0.05, 0.02];
    private static readonly double[] LoyalCategories = [0.10, 0.05, 0.05, 0.20, 0.30, 0.05, 0.15, 0.10];
    private static readonly double[] NewCategories = [0.25, 0.25, 0.15, 0.05, 0.05, 0.10, 0.05, 0.10];
    private static readonly double[] AtRiskCategories = [0.20, 0.10, 0.15, 0.20, 0.05, 0.15, 0.05, 0.10];
    private static readonly double[] HibernatingCategories = [0.10, 0.05, 0.05, 0.15, 0.30, 0.05, 0.15, 0.15];
    private static readonly double[] BigSpenderCategories = [0.15, 0.10, 0.35, 0.25, 0.02, 0.10, 0.02, 0.01];

    /// <summary>Every profile, in <see cref="PlantedSegment"/> order.</summary>
    public static IReadOnlyList<SegmentProfile> All { get; } =
    [
        new()
        {
            Segment = PlantedSegment.Champions,
            Share = 0.14,
            SignupDaysMin = 540,
            SignupDaysMax = 2900,
            IntervalDays = 18,
            Regularity = 4,
            ExtraLines = 1.2,
            ExtraQuantity = 1.0,
            Online = 0.55,
            Premium = 0.65,
            BudgetOfRest = 0.2,
            International = 0.75,
            Categories = ChampionCategories,
            AgeMean = 36,
            AgeDeviation = 8,
            Female = 0.55,
            Occupations = [0.55, 0.08, 0.04, 0.05, 0.28],
            IncomeMedian = 95_000,
            CityTiers = [0.50, 0.30, 0.15, 0.05],
            Acquisition = [0.30, 0.15, 0.30, 0.10, 0.05, 0.10],
            Lifestyles = [0.15, 0.35, 0.35, 0.05, 0.10],
            PriceSensitivity = 2.0,
            Satisfaction = 4.5,
            Drivers = [0.10, 0.55, 0.35],
        },
        new()
        {
            Segment = PlantedSegment.Loyal,
            Share = 0.20,
            SignupDaysMin = 365,
            SignupDaysMax = 3600,
            IntervalDays = 60,
            Regularity = 4,
            ExtraLines = 1.2,
            ExtraQuantity = 0.6,
            Online = 0.10,
            Premium = 0.30,
            BudgetOfRest = 0.3,
            International = 0.10,
            Categories = LoyalCategories,
            AgeMean = 46,
            AgeDeviation = 11,
            Female = 0.60,
            Occupations = [0.35, 0.30, 0.03, 0.17, 0.15],
            IncomeMedian = 60_000,
            CityTiers = [0.20, 0.35, 0.30, 0.15],
            Acquisition = [0.15, 0.10, 0.20, 0.40, 0.10, 0.05],
            Lifestyles = [0.45, 0.15, 0.05, 0.20, 0.15],
            PriceSensitivity = 3.0,
            Satisfaction = 4.2,
            Drivers = [0.30, 0.30, 0.40],
        },
        new()
        {
            Segment = PlantedSegment.NewPotential,
            Share = 0.16,
            SignupDaysMin = 0,
            SignupDaysMax = 100,
            MinOrders = 1,
            ExtraOrders = 0.7,
            MaxOrders = 4,
            ExtraLines = 0.8,
            ExtraQuantity = 0.3,
            Online = 0.95,
            Premium = 0.05,
            BudgetOfRest = 0.6,
            International = 0.90,
            Categories = NewCategories,
            AgeMean = 27,
            AgeDeviation = 6,
            Female = 0.55,
            Occupations = [0.30, 0.15, 0.40, 0.01, 0.14],
            IncomeMedian = 32_000,
            CityTiers = [0.35, 0.35, 0.20, 0.10],
            Acquisition = [0.20, 0.45, 0.10, 0.05, 0.10, 0.10],
            Lifestyles = [0.10, 0.20, 0.45, 0.15, 0.10],
            PriceSensitivity = 3.8,
            Satisfaction = 3.6,
            Drivers = [0.50, 0.30, 0.20],
        },
        new()
        {
            Segment = PlantedSegment.AtRisk,
            Share = 0.16,
            SignupDaysMin = 540,
            SignupDaysMax = 2200,
            QuietDaysMin = 120,
            QuietDaysMax = 270,
            IntervalDays = 30,
            Regularity = 2,
            ExtraLines = 1.5,
            ExtraQuantity = 0.8,
            Online = 0.90,
            Premium = 0.20,
            BudgetOfRest = 0.4,
            International = 0.45,
            Categories = AtRiskCategories,
            AgeMean = 40,
            AgeDeviation = 10,
            Female = 0.50,
            Occupations = [0.42, 0.25, 0.06, 0.10, 0.17],
            IncomeMedian = 55_000,
            CityTiers = [0.30, 0.35, 0.25, 0.10],
            Acquisition = [0.25, 0.20, 0.10, 0.15, 0.20, 0.10],
            Lifestyles = [0.25, 0.30, 0.15, 0.15, 0.15],
            PriceSensitivity = 3.3,
            Satisfaction = 2.3,
            Drivers = [0.40, 0.30, 0.30],
        },
        new()
        {
            Segment = PlantedSegment.Hibernating,
            Share = 0.22,
            SignupDaysMin = 365,
            SignupDaysMax = 2900,
            QuietDaysMin = 300,
            QuietDaysMax = 300,
            MinOrders = 1,
            ExtraOrders = 1.0,
            MaxOrders = 5,
            ExtraLines = 0.5,
            ExtraQuantity = 0.3,
            Online = 0.05,
            Premium = 0.03,
            BudgetOfRest = 0.8,
            International = 0.05,
            Categories = HibernatingCategories,
            AgeMean = 50,
            AgeDeviation = 14,
            Female = 0.50,
            Occupations = [0.25, 0.35, 0.08, 0.22, 0.10],
            IncomeMedian = 38_000,
            CityTiers = [0.10, 0.25, 0.35, 0.30],
            Acquisition = [0.10, 0.10, 0.05, 0.20, 0.35, 0.20],
            Lifestyles = [0.30, 0.10, 0.05, 0.40, 0.15],
            PriceSensitivity = 4.3,
            Satisfaction = 2.8,
            Drivers = [0.70, 0.15, 0.15],
        },
        new()
        {
            Segment = PlantedSegment.BigSpenders,
            Share = 0.12,
            SignupDaysMin = 180,
            SignupDaysMax = 3600,
            MinOrders = 3,
            ExtraOrders = 3.0,
            MaxOrders = 10,
            MinLines = 4,
            ExtraLines = 3.0,
            ExtraQuantity = 1.5,
            Online = 0.20,
            Premium = 0.88,
            BudgetOfRest = 0.2,
            International = 0.85,
            Categories = BigSpenderCategories,
            AgeMean = 49,
            AgeDeviation = 9,
            Female = 0.45,
            Occupations = [0.33, 0.02, 0.01, 0.12, 0.52],
            IncomeMedian = 180_000,
            CityTiers = [0.65, 0.25, 0.08, 0.02],
            Acquisition = [0.15, 0.05, 0.45, 0.25, 0.02, 0.08],
            Lifestyles = [0.20, 0.40, 0.20, 0.00, 0.20],
            PriceSensitivity = 1.5,
            Satisfaction = 4.3,
            Drivers = [0.05, 0.60, 0.35],
        },
    ];

    /// <summary>Segment shares in <see cref="PlantedSegment"/> order.</summary>
    public static double[] Shares { get; } = All.Select(p => p.Share).ToArray();
}
