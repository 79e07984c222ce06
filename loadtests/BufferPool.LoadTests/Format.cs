using System.Globalization;

namespace BufferPool.LoadTests;

/// <summary>How the summary's cells read, the same in report.md and on the console.</summary>
internal static class Format
{
    public static string Num(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string RpsRange(SummaryRow r) => r.Trials > 1 ? $"{Num(r.RpsMin, "F0")}–{Num(r.RpsMax, "F0")}" : "";

    public static string Ratio(SummaryRow r) => r.Ratio is { } ratio ? Num(ratio, "F2") : "";

    public static string RatioRange(SummaryRow r) =>
        r.Pool != SummaryRow.Baseline && r.RatioMin is { } min && r.RatioMax is { } max && r.Trials > 1 ? $"{Num(min, "F2")}–{Num(max, "F2")}" : "";

    public static string Noise(SummaryRow r) => r.WithinNoise switch
    {
        true => "within noise",
        false => "differs",
        null => "",
    };

    public static string Saturation(SummaryRow r) =>
        Num(r.Saturation * 100, "F0") + "%" + (r.UnsaturatedTrials > 0 ? $" ⚠{r.UnsaturatedTrials}/{r.Trials}" : "");

    public static string Gc(SummaryRow r) => $"{Num(r.Gen0PerThousand, "F2")} / {Num(r.Gen1PerThousand, "F2")} / {Num(r.Gen2PerThousand, "F2")}";
}
