namespace Vigil.Alerting.Cap;

/// <summary>CAP 1.2 §3.2.1 <c>msgType</c>: the nature of the message.</summary>
public enum CapMsgType
{
    Alert,
    Update,
    Cancel,
    Ack,
    Error,
}
