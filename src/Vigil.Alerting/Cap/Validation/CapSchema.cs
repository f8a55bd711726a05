namespace Vigil.Alerting.Cap.Validation;

/// <summary>
/// The CAP 1.2 content model, written from the data dictionary (OASIS CAP 1.2 §3.2 and the document object model of
/// §3.1): element order, occurrence bounds, code values and value types. Every element is in the CAP 1.2 namespace.
/// </summary>
internal static class CapSchema
{
    private const int Many = CapElementRule.Unbounded;

    public static CapElementRule Alert { get; } = BuildAlert();

    private static CapElementRule Pair(string name) =>
        CapElementRule.Complex(
            name,
            0,
            Many,
            CapElementRule.Simple("valueName", 1, 1, CapValueKind.String),
            CapElementRule.Simple("value", 1, 1, CapValueKind.String));

    private static CapElementRule BuildAlert()
    {
        var resource = CapElementRule.Complex(
            "resource",
            0,
            Many,
            CapElementRule.Simple("resourceDesc", 1, 1, CapValueKind.String),
            CapElementRule.Simple("mimeType", 1, 1, CapValueKind.String),
            CapElementRule.Simple("size", 0, 1, CapValueKind.Integer),
            CapElementRule.Simple("uri", 0, 1, CapValueKind.AnyUri),
            CapElementRule.Simple("derefUri", 0, 1, CapValueKind.String),
            CapElementRule.Simple("digest", 0, 1, CapValueKind.String));

        var area = CapElementRule.Complex(
            "area",
            0,
            Many,
            CapElementRule.Simple("areaDesc", 1, 1, CapValueKind.String),
            CapElementRule.Simple("polygon", 0, Many, CapValueKind.String),
            CapElementRule.Simple("circle", 0, Many, CapValueKind.String),
            Pair("geocode"),
            CapElementRule.Simple("altitude", 0, 1, CapValueKind.Decimal),
            CapElementRule.Simple("ceiling", 0, 1, CapValueKind.Decimal));

        var info = CapElementRule.Complex(
            "info",
            0,
            Many,
            CapElementRule.Simple("language", 0, 1, CapValueKind.Language),
            CapElementRule.Coded("category", 1, Many, CapVocabulary.Codes<CapCategory>()),
            CapElementRule.Simple("event", 1, 1, CapValueKind.String),
            CapElementRule.Coded("responseType", 0, Many, CapVocabulary.Codes<CapResponseType>()),
            CapElementRule.Coded("urgency", 1, 1, CapVocabulary.Codes<CapUrgency>()),
            CapElementRule.Coded("severity", 1, 1, CapVocabulary.Codes<CapSeverity>()),
            CapElementRule.Coded("certainty", 1, 1, CapVocabulary.Codes<CapCertainty>()),
            CapElementRule.Simple("audience", 0, 1, CapValueKind.String),
            Pair("eventCode"),
            CapElementRule.Simple("effective", 0, 1, CapValueKind.DateTime),
            CapElementRule.Simple("onset", 0, 1, CapValueKind.DateTime),
            CapElementRule.Simple("expires", 0, 1, CapValueKind.DateTime),
            CapElementRule.Simple("senderName", 0, 1, CapValueKind.String),
            CapElementRule.Simple("headline", 0, 1, CapValueKind.String),
            CapElementRule.Simple("description", 0, 1, CapValueKind.String),
            CapElementRule.Simple("instruction", 0, 1, CapValueKind.String),
            CapElementRule.Simple("web", 0, 1, CapValueKind.AnyUri),
            CapElementRule.Simple("contact", 0, 1, CapValueKind.String),
            Pair("parameter"),
            resource,
            area);

        return CapElementRule.Complex(
            "alert",
            1,
            1,
            CapElementRule.Simple("identifier", 1, 1, CapValueKind.String),
            CapElementRule.Simple("sender", 1, 1, CapValueKind.String),
            CapElementRule.Simple("sent", 1, 1, CapValueKind.DateTime),
            CapElementRule.Coded("status", 1, 1, CapVocabulary.Codes<CapStatus>()),
            CapElementRule.Coded("msgType", 1, 1, CapVocabulary.Codes<CapMsgType>()),
            CapElementRule.Simple("source", 0, 1, CapValueKind.String),
            CapElementRule.Coded("scope", 1, 1, CapVocabulary.Codes<CapScope>()),
            CapElementRule.Simple("restriction", 0, 1, CapValueKind.String),
            CapElementRule.Simple("addresses", 0, 1, CapValueKind.String),
            CapElementRule.Simple("code", 0, Many, CapValueKind.String),
            CapElementRule.Simple("note", 0, 1, CapValueKind.String),
            CapElementRule.Simple("references", 0, 1, CapValueKind.String),
            CapElementRule.Simple("incidents", 0, 1, CapValueKind.String),
            info,
            CapElementRule.Signatures());
    }
}
