package org.hibernate.shards.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;


/** The page's PNG charts, drawn with XChart. */
final class Charts {
	private static final Color[] COLORS = { new Color( 0x4C72B0 ), new Color( 0xDD8452 ), new Color( 0x55A868 ), new Color( 0xC44E52 ),
			new Color( 0x8172B3 ), new Color( 0x937860 ) };

	private Charts() {
	}

	/** One bar series per entry of {@code series}, over the categories. */
	static void bars(Path file, String title, String xTitle, String yTitle, List<String> categories, List<String> names,
			List<List<Double>> series, boolean rotate) throws IOException {
		CategoryChart chart = new CategoryChartBuilder().width( 1000 ).height( 520 ).title( title ).xAxisTitle( xTitle )
				.yAxisTitle( yTitle ).build();
		org.knowm.xchart.style.CategoryStyler styler = chart.getStyler();
		styler.setLegendPosition( Styler.LegendPosition.InsideNE );
		styler.setSeriesColors( COLORS );
		styler.setChartBackgroundColor( Color.WHITE );
		styler.setPlotGridVerticalLinesVisible( false );
		chart.getStyler().setLabelsVisible( false );
		chart.getStyler().setXAxisLabelRotation( rotate ? 30 : 0 );
		chart.getStyler().setYAxisMin( 0.0 );
		for ( int i = 0; i < names.size(); i++ ) {
			List<Double> values = series.get( i ).stream().map( v -> v == null || v.isNaN() ? 0.0 : v ).toList();
			chart.addSeries( names.get( i ), categories, values );
		}
		BitmapEncoder.saveBitmap( chart, file.toString(), BitmapEncoder.BitmapFormat.PNG );
	}
}
