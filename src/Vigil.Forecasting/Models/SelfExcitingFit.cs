namespace Vigil.Forecasting.Models;

/// <summary>
/// A fitted self-exciting model: lambda(x, y, t) = Mu * b(x, y) + sum over t_j &lt; t of
/// Theta * Omega * exp(-Omega (t - t_j)) * N2(x - x_j, y - y_j; Sigma^2), with b the background density per cell.
/// </summary>
public sealed record SelfExcitingFit(
    double Mu,
    double Theta,
    double Omega,
    double Sigma,
    double[] Background,
    int Events,
    long CandidatePairs,
    int Iterations,
    bool Converged,
    double FittedAtDay);
