namespace Vigil.Platform.Pipeline;

/// <summary>
/// What becomes of the detector state of the devices a node owned through one bus partition when that partition's
/// ownership moves (see <see cref="ObservationPipeline.HandOverAsync"/>).
/// </summary>
public enum PartitionHandOver
{
    /// <summary>Save the state to storage and keep owning it: the last snapshot before the partition is given up.</summary>
    Save,

    /// <summary>Save the state and forget it: the partition was given up, and batches already received are done.</summary>
    Release,

    /// <summary>
    /// Forget the state without saving it: the partition was lost (its channel or connection closed), so another node
    /// may already own it and have written newer state that a save from here would overwrite.
    /// </summary>
    Drop,
}
