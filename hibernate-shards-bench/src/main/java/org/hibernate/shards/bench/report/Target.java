package org.hibernate.shards.bench.report;

/**
 * One comparison of the page's headline table.
 *
 * @param id a stable key, used for the explanations of missed targets
 * @param label a short name for the chart
 * @param comparison what is compared, in words
 * @param measured the measured ratio (or time, for boot)
 * @param bound the target, or NaN when the row is for information only
 * @param atLeast whether {@code measured} must be at least (rather than at most) {@code bound}
 * @param unit {@code ×} for ratios, {@code ms} for times
 */
public record Target(String id, String label, String comparison, double measured, double bound, boolean atLeast, String unit) {

	public boolean hasTarget() {
		return !Double.isNaN( bound );
	}

	public boolean met() {
		if ( Double.isNaN( measured ) ) {
			return false;
		}
		return atLeast ? measured >= bound : measured <= bound;
	}

	public String status() {
		if ( !hasTarget() ) {
			return "(information)";
		}
		if ( Double.isNaN( measured ) ) {
			return "**not measured**";
		}
		return met() ? "met" : "**missed**";
	}

	public String measuredText() {
		return format( measured );
	}

	public String boundText() {
		return hasTarget() ? ( atLeast ? "≥ " : "≤ " ) + format( bound ) : "–";
	}

	private String format(double value) {
		if ( Double.isNaN( value ) ) {
			return "n/a";
		}
		return unit.equals( "×" ) ? String.format( java.util.Locale.ROOT, "%.2f×", value )
				: String.format( java.util.Locale.ROOT, "%,.0f %s", value, unit );
	}
}
