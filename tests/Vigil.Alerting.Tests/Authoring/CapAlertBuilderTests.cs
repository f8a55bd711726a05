using Vigil.Alerting.Cap;
using Vigil.Alerting.Cap.Authoring;
using Vigil.Alerting.Cap.Validation;
using Vigil.Alerting.Geo;

namespace Vigil.Alerting.Tests.Authoring;

public sealed class CapAlertBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(-5));

    internal static CapAlertBuilder Plume(DateTimeOffset sent, string identifier = "VIGIL-2025-0001") =>
        CapAlertBuilder.Alert("alerts@city.example", identifier, sent)
            .Classify(CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, CapCategory.CBRNE, CapCategory.Health)
            .Respond(CapResponseType.Shelter)
            .AddText(new CapText("en-US", "Chemical plume", "Shelter in place: chemical plume over Riverside", "A chlorine plume is drifting north-east.", "Go indoors, close windows, turn off ventilation."))
            .AddText(new CapText("es-US", "Nube química", "Refúgiese: nube química sobre Riverside", "Una nube de cloro se desplaza al noreste.", "Entre, cierre ventanas y apague la ventilación."))
            .AddPolygon("Riverside", [new GeoPoint(45.52, -122.68), new GeoPoint(45.53, -122.66), new GeoPoint(45.51, -122.65)]);

    [Fact]
    public void Alert_with_two_languages_and_an_open_drawn_ring_builds_a_valid_document()
    {
        var builder = Plume(T0);
        builder.Expires = T0.AddHours(3);
        Assert.True(builder.TryBuild(out var alert, out var findings, CapProfile.Google), string.Join("\n", findings));
        Assert.Equal(2, alert!.Infos.Count);
        Assert.Equal(["en-US", "es-US"], alert.Infos.Select(i => i.Language));
        var polygon = Assert.Single(alert.Infos[0].Areas[0].Polygons);
        Assert.Equal("45.52,-122.68 45.53,-122.66 45.51,-122.65 45.52,-122.68", polygon);
        Assert.True(CapValidator.Validate(alert).IsValid);
    }

    [Fact]
    public void Update_and_cancel_reference_the_whole_thread()
    {
        Assert.True(Plume(T0).TryBuild(out var first, out _));
        Assert.True(CapAlertBuilder.UpdateOf(first!, "VIGIL-2025-0002", T0.AddMinutes(30)).TryBuild(out var update, out var f1), string.Join("\n", f1));
        Assert.Equal(CapMsgType.Update, update!.MsgType);
        Assert.Equal("alerts@city.example,VIGIL-2025-0001,2025-03-01T10:00:00-05:00", update.References);
        Assert.Equal(first!.Infos.Count, update.Infos.Count);

        Assert.True(CapAlertBuilder.CancelOf(update, "VIGIL-2025-0003", T0.AddHours(1), "All clear").TryBuild(out var cancel, out var f2), string.Join("\n", f2));
        Assert.Equal(CapMsgType.Cancel, cancel!.MsgType);
        Assert.Equal(
            "alerts@city.example,VIGIL-2025-0001,2025-03-01T10:00:00-05:00 alerts@city.example,VIGIL-2025-0002,2025-03-01T10:30:00-05:00",
            cancel.References);
    }

    [Fact]
    public void Update_sent_before_the_original_is_refused()
    {
        Assert.True(Plume(T0).TryBuild(out var first, out _));
        Assert.False(CapAlertBuilder.UpdateOf(first!, "VIGIL-2025-0002", T0.AddMinutes(-1)).TryBuild(out _, out var findings));
        Assert.Equal("authoring-sent", Assert.Single(findings).Code);
    }

    [Theory]
    [InlineData("ID WITH SPACES", "rules-identifier")]
    [InlineData("ID,1", "rules-identifier")]
    public void Identifier_breaking_section_3_is_reported_not_built(string identifier, string code)
    {
        Assert.False(Plume(T0, identifier).TryBuild(out var alert, out var findings));
        Assert.Null(alert);
        Assert.Contains(findings, f => f.Code == code);
    }

    [Fact]
    public void Control_characters_in_text_are_reported_not_thrown()
    {
        var builder = Plume(T0).AddText(new CapText("fr", "Nuage\u0001", "Abritez-vous", "Nuage de chlore."));
        Assert.False(builder.TryBuild(out _, out var findings));
        Assert.Contains(findings, f => f.Code == "authoring-characters");
    }

    /// <summary>
    /// Seeded random inputs, many of them bad: whatever TryBuild accepts must pass the structure and Section 3
    /// layers when written and read back.
    /// </summary>
    [Fact]
    public void Whatever_the_builder_accepts_passes_structure_and_section_3()
    {
        var random = new Random(20251122);
        string[] identifiers = ["A-1", "B-2", "Ω-7", "A 1", "A,1", "", "A<1"];
        string[] texts = ["Take cover", "Line\nbreak & <markup>", "Évacuez", "", "  ", "\u0007bell"];
        var accepted = 0;
        for (var i = 0; i < 400; i++)
        {
            var sent = T0.AddMinutes(random.Next(-100000, 100000)).ToOffset(TimeSpan.FromMinutes(60 * random.Next(-12, 13)));
            var builder = CapAlertBuilder.Alert(random.Next(5) == 0 ? "bad sender" : "alerts@city.example", identifiers[random.Next(4) == 0 ? random.Next(identifiers.Length) : random.Next(3)], sent);
            builder.Scope = random.Next(4) == 0 ? (CapScope)random.Next(3) : CapScope.Public;
            if (random.Next(5) != 0)
            {
                builder.Classify((CapUrgency)random.Next(5), (CapSeverity)random.Next(5), (CapCertainty)random.Next(5), (CapCategory)random.Next(12));
            }

            for (var t = random.Next(4); t > 0; t--)
            {
                builder.AddText(new CapText(t == 1 ? "en-US" : "es", "Event", texts[random.Next(texts.Length)], texts[random.Next(texts.Length)], texts[random.Next(texts.Length)]));
            }

            var corners = new List<GeoPoint>();
            for (var c = random.Next(6); c > 0; c--)
            {
                corners.Add(random.Next(10) == 0
                    ? new GeoPoint((random.NextDouble() * 200) - 100, (random.NextDouble() * 380) - 190)
                    : new GeoPoint(45.5 + random.NextDouble(), -122.6 + random.NextDouble()));
            }

            builder.AddPolygon("Zone", corners);
            builder.AddCircle("Ring", new GeoCircle(new GeoPoint(45.5, -122.6), random.Next(10) == 0 ? -1 : random.NextDouble() * 20));
            builder.Expires = random.Next(2) == 0 ? sent.AddHours(random.Next(-2, 6)) : null;

            if (builder.TryBuild(out var alert, out _))
            {
                accepted++;
                using var stream = new MemoryStream(CapWriter.ToUtf8(alert!));
                var report = CapValidator.Validate(stream);
                Assert.True(report.CountErrors(null) == 0, string.Join("\n", report.Findings));
            }
        }

        Assert.InRange(accepted, 10, 390);
    }
}
