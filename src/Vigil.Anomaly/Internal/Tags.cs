namespace Vigil.Anomaly.Internal;

/// <summary>Four-byte tags that open each persisted state, so a checkpoint is never read into the wrong detector.</summary>
internal static class Tags
{
    public const uint Seasonal = 0x4E534756; // "VGSN"
    public const uint LevelShift = 0x534C4756; // "VGLS"
    public const uint Knn = 0x4E4B4756; // "VGKN"
    public const uint Combiner = 0x4D434756; // "VGCM"
    public const uint Calibrator = 0x41434756; // "VGCA"
    public const uint Flatline = 0x4C464756; // "VGFL"
    public const uint Delivery = 0x4C444756; // "VGDL"
    public const uint MessageRate = 0x524D4756; // "VGMR"
    public const uint RangeBreak = 0x42524756; // "VGRB"
}
