using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Vigil.Platform.Contracts;
using Vigil.Platform.Privacy;
using Vigil.Platform.Reports;

namespace Vigil.Server.Open311;

/// <summary>
/// Reads a POST requests form into a resident's report, field by field as the GeoReport v2 spec names them. Every
/// problem found is reported at once, each naming its field, so an app developer fixes a form in one round trip.
/// </summary>
internal static class Open311Submission
{
    public const int MaxDescription = 2000;
    public const int MaxAddress = 300;
    public const int MaxContact = 200;
    private const int MaxName = 100;
    private const int MaxEmail = 254;
    private const int MaxPhone = 40;
    private const int MaxMediaUrl = 1000;
    private const int MaxAttributeValue = 500;

    /// <summary>Fields that must appear at most once; a repeated one is ambiguous, not a list.</summary>
    public static readonly string[] SingleFields =
    [
        "api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string", "address_id", "email", "device_id",
        "account_id", "first_name", "last_name", "phone", "description", "media_url",
    ];

    /// <summary>The report the form describes; null with <paramref name="errors"/> filled when it is not acceptable.</summary>
    public static NewReport? TryRead(IFormCollection form, Open311Service service, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(service);
        var description = Text(form, "description", MaxDescription, multiline: true, errors) ?? string.Empty;
        var address = Text(form, "address_string", MaxAddress, multiline: false, errors);
        var location = ReadLocation(form, errors);
        if (location is null && address is null && !Has(form, "lat") && !Has(form, "long"))
        {
            errors.Add("lat/long: a location is required: give lat and long, or address_string.");
        }

        var contact = ReadContact(form, errors);
        var media = ReadMediaUrl(form, errors);
        _ = Text(form, "address_id", MaxName, multiline: false, errors);
        _ = Text(form, "device_id", MaxName, multiline: false, errors);
        _ = Text(form, "account_id", MaxName, multiline: false, errors);
        var answers = ReadAttributes(form, service, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        // Operators read attribute answers and the app's media link with the description: the report desk has one text.
        var text = new StringBuilder(description.Trim());
        foreach (var (question, answer) in answers)
        {
            text.Append(text.Length > 0 ? "\n" : string.Empty).Append(question).Append(": ").Append(answer);
        }

        if (media is not null)
        {
            text.Append(text.Length > 0 ? "\n" : string.Empty).Append("Media: ").Append(media);
        }

        return new NewReport(service.Code, text.ToString(), location, address, contact, null);
    }

    private static bool Has(IFormCollection form, string field) => form.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v.ToString());

    /// <summary>A trimmed text field, or null when absent or blank; refuses control characters and overlong values.</summary>
    private static string? Text(IFormCollection form, string field, int max, bool multiline, List<string> errors)
    {
        if (!form.TryGetValue(field, out var values))
        {
            return null;
        }

        var value = values.ToString();
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Length > max)
        {
            errors.Add($"{field}: must be at most {max} characters.");
            return null;
        }

        if (HasControlCharacters(value, multiline))
        {
            errors.Add($"{field}: must not contain control characters.");
            return null;
        }

        return value.Trim();
    }

    private static bool HasControlCharacters(string value, bool multiline)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return true;
            }
        }

        return false;
    }

    private static GeoView? ReadLocation(IFormCollection form, List<string> errors)
    {
        var hasLat = Has(form, "lat");
        var hasLong = Has(form, "long");
        if (!hasLat && !hasLong)
        {
            return null;
        }

        if (hasLat != hasLong)
        {
            errors.Add(hasLat ? "long: is required with lat." : "lat: is required with long.");
            return null;
        }

        var latOk = TryCoordinate(form["lat"].ToString(), 90, out var lat);
        var lonOk = TryCoordinate(form["long"].ToString(), 180, out var lon);
        if (!latOk)
        {
            errors.Add("lat: must be a decimal latitude between -90 and 90 (WGS84).");
        }

        if (!lonOk)
        {
            errors.Add("long: must be a decimal longitude between -180 and 180 (WGS84).");
        }

        return latOk && lonOk ? new GeoView(lat, lon) : null;
    }

    private static bool TryCoordinate(string text, double limit, out double value)
    {
        if (text.Length <= 40 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && Math.Abs(value) <= limit)
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The reporter's contact details, sealed at rest by the report desk; never published.</summary>
    private static ContactDetails? ReadContact(IFormCollection form, List<string> errors)
    {
        var first = Text(form, "first_name", MaxName, multiline: false, errors);
        var last = Text(form, "last_name", MaxName, multiline: false, errors);
        var email = Text(form, "email", MaxEmail, multiline: false, errors);
        var phone = Text(form, "phone", MaxPhone, multiline: false, errors);
        if (email is not null && (email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@') || email.Contains(' ', StringComparison.Ordinal)))
        {
            errors.Add("email: is not an e-mail address.");
        }

        if (phone is not null && !IsPhone(phone))
        {
            errors.Add("phone: may hold only digits, spaces and + - ( ) .");
        }

        var name = string.Join(' ', first ?? string.Empty, last ?? string.Empty).Trim();
        if (name.Length + (email?.Length ?? 0) + (phone?.Length ?? 0) > MaxContact)
        {
            errors.Add($"first_name/last_name/email/phone: together must be at most {MaxContact} characters.");
        }

        var contact = new ContactDetails(name.Length == 0 ? null : name, email, phone);
        return contact.IsEmpty ? null : contact;
    }

    private static bool IsPhone(string phone)
    {
        var digits = 0;
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '+' or '-' or '(' or ')' or '.'))
            {
                return false;
            }
        }

        return digits >= 3;
    }

    /// <summary>
    /// A link to the app's own copy of a photo. It is recorded, never fetched: fetching would let anyone make the
    /// server call an address of their choosing.
    /// </summary>
    private static string? ReadMediaUrl(IFormCollection form, List<string> errors)
    {
        var url = Text(form, "media_url", MaxMediaUrl, multiline: false, errors);
        if (url is null)
        {
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            errors.Add("media_url: must be an absolute http or https URL.");
            return null;
        }

        return uri.AbsoluteUri;
    }

    /// <summary>Answers to the service's attributes, as (question, answer) for operators; checks type, list values and required ones.</summary>
    private static List<(string Question, string Answer)> ReadAttributes(IFormCollection form, Open311Service service, List<string> errors)
    {
        var answers = new List<(string, string)>();
        foreach (var key in form.Keys)
        {
            if (key.StartsWith("attribute[", StringComparison.Ordinal) && Find(service, AttributeCode(key)) is null)
            {
                errors.Add($"{key}: is not an attribute of service {service.Code}.");
            }
        }

        foreach (var attribute in service.Attributes)
        {
            var field = $"attribute[{attribute.Code}]";
            var values = new List<string>();
            Collect(form, field, values);
            Collect(form, field + "[]", values);
            if (values.Count == 0)
            {
                if (attribute.Required)
                {
                    errors.Add($"{field}: is required ({attribute.Description}).");
                }

                continue;
            }

            if (values.Count > 1 && attribute.Datatype != "multivaluelist")
            {
                errors.Add($"{field}: takes one value.");
                continue;
            }

            var shown = new List<string>(values.Count);
            foreach (var value in values)
            {
                if (Check(attribute, value) is { } problem)
                {
                    errors.Add($"{field}: {problem}");
                }
                else
                {
                    shown.Add(attribute.NameOf(value) ?? value.Trim());
                }
            }

            answers.Add((attribute.Description, string.Join(", ", shown)));
        }

        return answers;
    }

    private static void Collect(IFormCollection form, string field, List<string> values)
    {
        if (form.TryGetValue(field, out var given))
        {
            foreach (var value in given)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    values.Add(value);
                }
            }
        }
    }

    private static string AttributeCode(string key)
    {
        var end = key.IndexOf(']', StringComparison.Ordinal);
        return end > 10 ? key[10..end] : string.Empty;
    }

    private static Open311Attribute? Find(Open311Service service, string code)
    {
        foreach (var attribute in service.Attributes)
        {
            if (string.Equals(attribute.Code, code, StringComparison.Ordinal))
            {
                return attribute;
            }
        }

        return null;
    }

    private static string? Check(Open311Attribute attribute, string value)
    {
        if (value.Length > MaxAttributeValue)
        {
            return $"must be at most {MaxAttributeValue} characters.";
        }

        if (HasControlCharacters(value, multiline: attribute.Datatype == "text"))
        {
            return "must not contain control characters.";
        }

        return attribute.Datatype switch
        {
            "number" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? null : "must be a number.",
            "datetime" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? null : "must be an ISO 8601 date and time.",
            "singlevaluelist" or "multivaluelist" => attribute.NameOf(value) is null ? $"must be one of {Keys(attribute)}." : null,
            _ => null,
        };
    }

    private static string Keys(Open311Attribute attribute)
    {
        var keys = new List<string>(attribute.Values.Count);
        foreach (var (key, _) in attribute.Values)
        {
            keys.Add(key);
        }

        return string.Join(", ", keys);
    }
}
