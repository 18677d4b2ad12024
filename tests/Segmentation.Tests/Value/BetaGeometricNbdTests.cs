using Segmentation.Value;

namespace Segmentation.Tests.Value;

public sealed class BetaGeometricNbdTests
{
    [Fact]
    public void Fit_reproduces_the_published_CDNOW_estimates_and_log_likelihood()
    {
        // Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
        var model = BetaGeometricNbd.Fit(Cdnow.Customers);

        Assert.Equal(2357, model.Customers);
        Assert.Equal(0.243, model.Parameters.R, 0.0005);
        Assert.Equal(4.414, model.Parameters.Alpha, 0.005);
        Assert.Equal(0.793, model.Parameters.A, 0.0005);
        Assert.Equal(2.426, model.Parameters.B, 0.005);
        Assert.Equal(-9582.4, model.LogLikelihood, 0.05);
    }
}
