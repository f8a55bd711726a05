using Vigil.Forecasting.Geo;

namespace Vigil.Forecasting.Grid;

/// <summary>
/// Square cells over a boundary's bounding box, in the projection's unit. A cell belongs to the city when its centre
/// lies inside the boundary (NIJ scored cells clipped to the city the same way); only those cells can be flagged,
/// and the city area A of PAI is their total area.
/// </summary>
public sealed class ForecastGrid
{
    private readonly bool[] _inside;
    private readonly int[] _insideCells;

    public ForecastGrid(Region boundary, double cellSize)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        if (!(cellSize > 0) || !double.IsFinite(cellSize))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "Cell size must be a positive length.");
        }

        CellSize = cellSize;
        OriginX = boundary.MinX;
        OriginY = boundary.MinY;
        Columns = Math.Max(1, (int)Math.Ceiling((boundary.MaxX - boundary.MinX) / cellSize));
        Rows = Math.Max(1, (int)Math.Ceiling((boundary.MaxY - boundary.MinY) / cellSize));
        if ((long)Columns * Rows > 50_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, $"A {Columns} x {Rows} grid is too fine for this boundary.");
        }

        _inside = new bool[Columns * Rows];
        var list = new List<int>();
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                var i = (r * Columns) + c;
                if (boundary.Contains(OriginX + ((c + 0.5) * cellSize), OriginY + ((r + 0.5) * cellSize)))
                {
                    _inside[i] = true;
                    list.Add(i);
                }
            }
        }

        _insideCells = [.. list];
    }

    public double CellSize { get; }

    public double CellArea => CellSize * CellSize;

    public double OriginX { get; }

    public double OriginY { get; }

    public int Columns { get; }

    public int Rows { get; }

    /// <summary>All cells, inside the city or not (length of every score array).</summary>
    public int CellCount => Columns * Rows;

    /// <summary>Cells whose centre is in the city.</summary>
    public ReadOnlySpan<int> InsideCells => _insideCells;

    /// <summary>The city's area as the grid sees it (inside cells times cell area).</summary>
    public double InsideArea => _insideCells.Length * CellArea;

    public bool IsInside(int cell) => _inside[cell];

    /// <summary>The cell holding a point, or -1 off the grid.</summary>
    public int CellOf(double x, double y)
    {
        var c = (int)Math.Floor((x - OriginX) / CellSize);
        var r = (int)Math.Floor((y - OriginY) / CellSize);
        return (uint)c < (uint)Columns && (uint)r < (uint)Rows ? (r * Columns) + c : -1;
    }

    public double CentreX(int cell) => OriginX + (((cell % Columns) + 0.5) * CellSize);

    public double CentreY(int cell) => OriginY + (((cell / Columns) + 0.5) * CellSize);

    /// <summary>Number of whole cells that fit in an area (the NIJ rule: flagged area must not exceed the target).</summary>
    public int CellsForArea(double area) => Math.Clamp((int)Math.Floor((area / CellArea) + 1e-9), 0, _insideCells.Length);
}
