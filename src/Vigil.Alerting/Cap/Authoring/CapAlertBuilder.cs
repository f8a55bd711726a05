using System.Xml;
using Vigil.Alerting.Cap.Validation;
using Vigil.Alerting.Geo;

namespace Vigil.Alerting.Cap.Authoring;

/// <summary>
/// Composes CAP 1.2 alerts from what a dispatcher enters: the event classification, texts in one or more languages,
/// areas drawn as polygons or circles, and times. <see cref="TryBuild"/> returns an alert only when its written form
/// passes the structure and Section 3 layers, so every alert built here is conformant. Updates and cancellations take
/// the earlier message and fill <c>references</c> with it and with everything it referenced (CAP 1.2 §3.2.1).
/// </summary>
public sealed class CapAlertBuilder
{
    private readonly List<CapText> _texts = [];
    private readonly List<CapArea> _areas = [];
    private readonly List<CapResponseType> _responses = [];
    private readonly List<CapValuePair> _eventCodes = [];
    private readonly List<CapValuePair> _parameters = [];
    private readonly List<string> _codes = [];
    private readonly List<CapReference> _references = [];
    private readonly List<string> _problems = [];
    private CapCategory[] _categories = [];
    private DateTimeOffset? _earliestReferenced;

    private CapAlertBuilder(string sender, string identifier, DateTimeOffset sent, CapMsgType msgType)
    {
        Sender = sender;
        Identifier = identifier;
        Sent = sent;
        MsgType = msgType;
    }

    public string Sender { get; }

    public string Identifier { get; }

    public DateTimeOffset Sent { get; }

    public CapMsgType MsgType { get; }

    public CapStatus Status { get; set; } = CapStatus.Actual;

    public CapScope Scope { get; set; } = CapScope.Public;

    public string? Restriction { get; set; }

    public string? Addresses { get; set; }

    public string? Note { get; set; }

    public string? Incidents { get; set; }

    public CapUrgency Urgency { get; set; } = CapUrgency.Unknown;

    public CapSeverity Severity { get; set; } = CapSeverity.Unknown;

    public CapCertainty Certainty { get; set; } = CapCertainty.Unknown;

    public DateTimeOffset? Effective { get; set; }

    public DateTimeOffset? Onset { get; set; }

    public DateTimeOffset? Expires { get; set; }

    public string? SenderName { get; set; }

    public string? Web { get; set; }

    public string? Contact { get; set; }

    public static CapAlertBuilder Alert(string sender, string identifier, DateTimeOffset sent) =>
        new(sender, identifier, sent, CapMsgType.Alert);

    /// <summary>An Update that supersedes <paramref name="previous"/>; classification, texts and areas start as the previous ones.</summary>
    public static CapAlertBuilder UpdateOf(CapAlert previous, string identifier, DateTimeOffset sent) =>
        FollowUp(previous, identifier, sent, CapMsgType.Update);

    /// <summary>A Cancel of <paramref name="previous"/>, carrying its info blocks so receivers can show what is cancelled.</summary>
    public static CapAlertBuilder CancelOf(CapAlert previous, string identifier, DateTimeOffset sent, string? note = null)
    {
        var builder = FollowUp(previous, identifier, sent, CapMsgType.Cancel);
        builder.Note = note;
        return builder;
    }

    /// <summary>Drops the texts taken over from the earlier message, for an update that restates them all.</summary>
    public CapAlertBuilder ClearTexts()
    {
        _texts.Clear();
        return this;
    }

    /// <summary>Drops the areas taken over from the earlier message, for an update that redraws the area.</summary>
    public CapAlertBuilder ClearAreas()
    {
        _areas.Clear();
        return this;
    }

    public CapAlertBuilder Classify(CapUrgency urgency, CapSeverity severity, CapCertainty certainty, params CapCategory[] categories)
    {
        Urgency = urgency;
        Severity = severity;
        Certainty = certainty;
        _categories = categories;
        return this;
    }

    public CapAlertBuilder Respond(CapResponseType response)
    {
        _responses.Add(response);
        return this;
    }

    public CapAlertBuilder AddText(CapText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _texts.RemoveAll(t => string.Equals(t.Language, text.Language, StringComparison.OrdinalIgnoreCase));
        _texts.Add(text);
        return this;
    }

    public CapAlertBuilder AddCode(string code)
    {
        _codes.Add(code);
        return this;
    }

    public CapAlertBuilder AddEventCode(string valueName, string value)
    {
        _eventCodes.Add(new CapValuePair(valueName, value));
        return this;
    }

    public CapAlertBuilder AddParameter(string valueName, string value)
    {
        _parameters.Add(new CapValuePair(valueName, value));
        return this;
    }

    /// <summary>Adds an area drawn as a polygon. The ring is closed if the drawing left it open.</summary>
    public CapAlertBuilder AddPolygon(string areaDesc, IReadOnlyList<GeoPoint> ring, IReadOnlyList<CapValuePair>? geocodes = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var points = new List<GeoPoint>(ring);
        if (points.Count > 0 && points[0] != points[^1])
        {
            points.Add(points[0]);
        }

        if (points.Count < 4)
        {
            _problems.Add($"area '{areaDesc}': a polygon needs at least 3 distinct corners");
        }

        _areas.Add(new CapArea { AreaDesc = areaDesc, Polygons = [CapGeometry.FormatPolygon(points)], Geocodes = geocodes ?? [] });
        return this;
    }

    public CapAlertBuilder AddCircle(string areaDesc, GeoCircle circle, IReadOnlyList<CapValuePair>? geocodes = null)
    {
        _areas.Add(new CapArea { AreaDesc = areaDesc, Circles = [CapGeometry.FormatCircle(circle)], Geocodes = geocodes ?? [] });
        return this;
    }

    public CapAlertBuilder AddArea(CapArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        _areas.Add(area);
        return this;
    }

    /// <summary>
    /// Builds the alert. Fails, with findings naming each problem, when the result would not pass the structure and
    /// Section 3 layers (or the chosen profile), or when a text holds characters XML cannot carry.
    /// </summary>
    public bool TryBuild(out CapAlert? alert, out IReadOnlyList<CapFinding> findings, CapProfile profile = CapProfile.None)
    {
        alert = null;
        var problems = new List<CapFinding>();
        foreach (var problem in _problems)
        {
            problems.Add(Problem("authoring-area", "alert/info/area", problem));
        }

        if (MsgType is CapMsgType.Alert or CapMsgType.Update && _texts.Count == 0)
        {
            problems.Add(Problem("authoring-text", "alert/info", "Add at least one language with an event name, headline and description."));
        }

        if (_texts.Count > 0 && _categories.Length == 0)
        {
            problems.Add(Problem("authoring-category", "alert/info/category", "Choose at least one category."));
        }

        if (_earliestReferenced is { } earliest && Sent < earliest)
        {
            problems.Add(Problem("authoring-sent", "alert/sent", "An update or cancellation cannot be sent before the message it refers to."));
        }

        var candidate = Assemble();
        CheckCharacters(candidate, problems);
        if (problems.Count > 0)
        {
            findings = problems;
            return false;
        }

        CapValidationReport report;
        try
        {
            report = CapValidator.Validate(candidate, profile);
        }
        catch (ArgumentException ex)
        {
            // The XML writer refuses characters that XML cannot represent in a field not checked above.
            findings = [Problem("authoring-characters", "alert", ex.Message)];
            return false;
        }

        findings = report.Findings;
        if (!report.IsValid)
        {
            return false;
        }

        alert = report.Alert;
        return true;
    }

    private static CapAlertBuilder FollowUp(CapAlert previous, string identifier, DateTimeOffset sent, CapMsgType msgType)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var builder = new CapAlertBuilder(previous.Sender, identifier, sent, msgType)
        {
            Status = previous.Status,
            Scope = previous.Scope,
            Restriction = previous.Restriction,
            Addresses = previous.Addresses,
            Incidents = previous.Incidents,
            _earliestReferenced = previous.Sent,
        };

        // The earlier message's own references come first, so the list names the whole thread (CAP 1.2 §3.2.1, and
        // the practice of NWS and IPAWS feeds), and each message appears once.
        var earlier = new List<CapReference>();
        if (previous.References is not null && CapReference.TryParseList(previous.References, earlier, out _))
        {
            foreach (var r in earlier)
            {
                builder.AddReference(r);
            }
        }

        builder.AddReference(CapReference.To(previous));
        builder._codes.AddRange(previous.Codes);
        if (previous.Infos.Count > 0)
        {
            var first = previous.Infos[0];
            builder._categories = [.. first.Categories];
            builder._responses.AddRange(first.ResponseTypes);
            builder._eventCodes.AddRange(first.EventCodes);
            builder._parameters.AddRange(first.Parameters);
            builder._areas.AddRange(first.Areas);
            builder.Urgency = first.Urgency;
            builder.Severity = first.Severity;
            builder.Certainty = first.Certainty;
            builder.Effective = first.Effective;
            builder.Onset = first.Onset;
            builder.Expires = first.Expires;
            builder.SenderName = first.SenderName;
            builder.Web = first.Web;
            builder.Contact = first.Contact;
            foreach (var info in previous.Infos)
            {
                builder._texts.Add(new CapText(info.Language ?? "en-US", info.Event, info.Headline ?? string.Empty, info.Description ?? string.Empty, info.Instruction));
            }
        }

        return builder;
    }

    private void AddReference(CapReference reference)
    {
        foreach (var existing in _references)
        {
            if (existing.Sender == reference.Sender && existing.Identifier == reference.Identifier)
            {
                return;
            }
        }

        _references.Add(reference);
    }

    private CapAlert Assemble()
    {
        var infos = new List<CapInfo>(_texts.Count);
        foreach (var text in _texts)
        {
            infos.Add(new CapInfo
            {
                Language = text.Language,
                Categories = _categories,
                Event = text.Event,
                ResponseTypes = _responses,
                Urgency = Urgency,
                Severity = Severity,
                Certainty = Certainty,
                EventCodes = _eventCodes,
                Effective = Effective,
                Onset = Onset,
                Expires = Expires,
                SenderName = SenderName,
                Headline = NullIfEmpty(text.Headline),
                Description = NullIfEmpty(text.Description),
                Instruction = NullIfEmpty(text.Instruction),
                Web = Web,
                Contact = Contact,
                Parameters = _parameters,
                Areas = _areas,
            });
        }

        return new CapAlert
        {
            Identifier = Identifier,
            Sender = Sender,
            Sent = Sent,
            Status = Status,
            MsgType = MsgType,
            Scope = Scope,
            Restriction = Restriction,
            Addresses = Addresses,
            Codes = _codes,
            Note = Note,
            References = _references.Count > 0 ? CapReference.FormatList(_references) : null,
            Incidents = Incidents,
            Infos = infos,
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static void CheckCharacters(CapAlert alert, List<CapFinding> problems)
    {
        void Check(string? value, string path)
        {
            if (value is null)
            {
                return;
            }

            try
            {
                XmlConvert.VerifyXmlChars(value);
            }
            catch (XmlException)
            {
                problems.Add(Problem("authoring-characters", path, "The text holds control characters that XML cannot carry."));
            }
        }

        Check(alert.Identifier, "alert/identifier");
        Check(alert.Sender, "alert/sender");
        Check(alert.Note, "alert/note");
        for (var i = 0; i < alert.Infos.Count; i++)
        {
            var info = alert.Infos[i];
            var path = $"alert/info[{i + 1}]";
            Check(info.Event, path + "/event");
            Check(info.Headline, path + "/headline");
            Check(info.Description, path + "/description");
            Check(info.Instruction, path + "/instruction");
            Check(info.SenderName, path + "/senderName");
            foreach (var area in info.Areas)
            {
                Check(area.AreaDesc, path + "/area/areaDesc");
            }
        }
    }

    private static CapFinding Problem(string code, string element, string message) =>
        new(CapValidationLayer.Rules, CapFindingSeverity.Error, code, element, 0, message);
}
