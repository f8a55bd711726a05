namespace Vigil.Platform.Contracts;

/// <summary>Where a public warning stands. Persisted by name.</summary>
public enum AlertStatus
{
    /// <summary>Drafted, waiting for a second person to approve it.</summary>
    Pending,

    /// <summary>Approved and published (for a Cancel message: sent).</summary>
    Issued,

    /// <summary>Issued earlier and withdrawn by a Cancel message.</summary>
    Cancelled,

    /// <summary>Issued earlier and replaced by an Update message (named in <see cref="AlertView.SupersededBy"/>).</summary>
    Superseded,
}
