namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// Scores of one forecast window at one flagged area, as the NIJ Real-Time Crime Forecasting Challenge defines them:
/// hit rate n/N; PAI = (n/N)/(a/A) (Chainey, Tompson and Uhlig 2008); PEI = n / n*, where n* is the most incidents
/// any set of the same number of cells could have captured (Hunt 2016, the NIJ's "efficiency" index).
/// </summary>
public readonly record struct HotspotScore(int Captured, int Total, int BestPossible, double FlaggedArea, double CityArea)
{
    public double HitRate => Total > 0 ? (double)Captured / Total : 0;

    public double Pai => Total > 0 && FlaggedArea > 0 ? HitRate / (FlaggedArea / CityArea) : 0;

    public double Pei => BestPossible > 0 ? (double)Captured / BestPossible : 0;
}
