using System.Net;
using Vigil.Alerting.Delivery;
using Xunit;

namespace Vigil.Alerting.Tests.Delivery;

/// <summary>
/// Address ranges from the IANA IPv4 and IPv6 special-purpose address registries (RFC 6890): RFC 1918 private, RFC 6598
/// shared (CGNAT), RFC 3927 link-local, RFC 4193 unique-local, RFC 4291 loopback, link-local and multicast, RFC 6052 NAT64.
/// </summary>
public sealed class WebhookAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("127.255.255.254", AddressClass.Loopback)]
    [InlineData("10.0.0.1", AddressClass.Private)]
    [InlineData("10.255.255.255", AddressClass.Private)]
    [InlineData("172.16.0.1", AddressClass.Private)]
    [InlineData("172.31.255.255", AddressClass.Private)]
    [InlineData("192.168.1.10", AddressClass.Private)]
    [InlineData("0.1.2.3", AddressClass.Private)]
    [InlineData("169.254.169.254", AddressClass.LinkLocal)]
    [InlineData("169.254.0.1", AddressClass.LinkLocal)]
    [InlineData("100.64.0.1", AddressClass.CarrierGradeNat)]
    [InlineData("100.127.255.255", AddressClass.CarrierGradeNat)]
    [InlineData("224.0.0.1", AddressClass.Multicast)]
    [InlineData("239.255.255.250", AddressClass.Multicast)]
    [InlineData("0.0.0.0", AddressClass.Unspecified)]
    [InlineData("255.255.255.255", AddressClass.Reserved)]
    [InlineData("240.0.0.1", AddressClass.Reserved)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("::", AddressClass.Unspecified)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("febf::1", AddressClass.LinkLocal)]
    [InlineData("fec0::1", AddressClass.Private)]
    [InlineData("fc00::1", AddressClass.UniqueLocal)]
    [InlineData("fd12:3456:789a::1", AddressClass.UniqueLocal)]
    [InlineData("ff02::1", AddressClass.Multicast)]
    [InlineData("::ffff:127.0.0.1", AddressClass.Loopback)]
    [InlineData("::ffff:169.254.169.254", AddressClass.LinkLocal)]
    [InlineData("::ffff:10.1.2.3", AddressClass.Private)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressClass.LinkLocal)]
    [InlineData("::10.0.0.1", AddressClass.Private)]
    public void Internal_addresses_are_classified_by_range(string address, AddressClass expected) =>
        Assert.Equal(expected, WebhookAddresses.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("192.167.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("11.0.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("fbff::1")]
    [InlineData("fe7f::1")]
    public void Addresses_just_outside_the_internal_ranges_are_public(string address)
    {
        Assert.Equal(AddressClass.Public, WebhookAddresses.Classify(IPAddress.Parse(address)));
        Assert.True(WebhookAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Fact]
    public void Every_class_has_words_for_a_refusal()
    {
        foreach (var kind in Enum.GetValues<AddressClass>())
        {
            Assert.False(string.IsNullOrWhiteSpace(WebhookAddresses.Describe(kind)));
        }

        Assert.Equal("link-local", WebhookAddresses.Describe(AddressClass.LinkLocal));
    }
}
