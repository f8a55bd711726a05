namespace Vigil.CameraAnalytics.Geometry;

/// <summary>
/// What Vigil knows about one camera: image size, frame rate, and optionally the image-to-ground homography and the
/// WGS84 position of the ground frame's origin. Ground coordinates are metres east (x) and north (y) of that origin,
/// so positions, distances and speeds are in metres and tracks can be drawn on the city map.
/// </summary>
public sealed class CameraModel
{
    // Mean Earth radius (IUGG), metres. A local tangent plane is accurate to centimetres over a camera's field of view.
    private const double EarthRadius = 6_371_008.8;

    public CameraModel(string cameraId, int imageWidth, int imageHeight, double frameRate, Homography? imageToGround = null, GeoPoint? groundOrigin = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cameraId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        if (!(frameRate > 0) || !double.IsFinite(frameRate))
        {
            throw new ArgumentOutOfRangeException(nameof(frameRate), "frame rate must be positive");
        }

        CameraId = cameraId;
        ImageWidth = imageWidth;
        ImageHeight = imageHeight;
        FrameRate = frameRate;
        ImageToGround = imageToGround;
        GroundOrigin = groundOrigin;
    }

    public string CameraId { get; }

    public int ImageWidth { get; }

    public int ImageHeight { get; }

    public double FrameRate { get; }

    public Homography? ImageToGround { get; }

    public GeoPoint? GroundOrigin { get; }

    public bool IsCalibrated => ImageToGround is not null;

    /// <summary>Ground position in metres of an image point (usually a box's bottom centre); false without calibration or beyond the horizon.</summary>
    public bool TryToGround(double imageX, double imageY, out double groundX, out double groundY)
    {
        if (ImageToGround is null)
        {
            groundX = groundY = double.NaN;
            return false;
        }

        return ImageToGround.TryMap(imageX, imageY, out groundX, out groundY);
    }

    /// <summary>WGS84 position of a ground point; false without a georeferenced origin.</summary>
    public bool TryToGeo(double groundX, double groundY, out GeoPoint position)
    {
        if (GroundOrigin is not { } origin)
        {
            position = default;
            return false;
        }

        var lat0 = origin.Latitude * Math.PI / 180;
        var lat = origin.Latitude + (groundY / EarthRadius * 180 / Math.PI);
        var lon = origin.Longitude + (groundX / (EarthRadius * Math.Cos(lat0)) * 180 / Math.PI);
        position = new GeoPoint(lat, lon);
        return true;
    }
}
