//! Plain SVG line charts (no dependencies, deterministic output).

/// Colours of the series, in order.
const COLOURS: [&str; 6] = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 360.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 80.0;

fn escape(text: &str) -> String {
	text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Rounds an axis maximum up to 1, 2 or 5 times a power of ten.
fn nice(max: f64) -> f64 {
	if max <= 0.0 || !max.is_finite() {
		return 1.0;
	}
	let power = 10f64.powf(max.log10().floor());
	[1.0, 2.0, 5.0, 10.0]
		.iter()
		.map(|m| m * power)
		.find(|v| *v >= max)
		.unwrap_or(10.0 * power)
}

fn number(value: f64) -> String {
	if value.abs() >= 100.0 || value == value.round() {
		format!("{value:.0}")
	} else if value.abs() >= 1.0 {
		format!("{value:.1}")
	} else {
		format!("{value:.2}")
	}
}

/// A chart of `series` (name, one y per x) over categorical `x` labels, y from 0 (or
/// `y_min`..`y_max` when given).
pub fn chart(
	title: &str,
	x_title: &str,
	y_title: &str,
	x: &[String],
	series: &[(String, Vec<f64>)],
	y_range: Option<(f64, f64)>,
	x_numeric: Option<&[f64]>,
) -> String {
	let plot_w = WIDTH - LEFT - RIGHT;
	let plot_h = HEIGHT - TOP - BOTTOM;
	let all = series.iter().flat_map(|(_, ys)| ys.iter().copied()).filter(|y| y.is_finite());
	let (y_min, y_max) = y_range.unwrap_or_else(|| (0.0, nice(all.fold(0.0, f64::max))));
	let span = (y_max - y_min).max(f64::EPSILON);
	let x_at = |i: usize| -> f64 {
		match x_numeric {
			Some(values) => {
				let (lo, hi) = (values[0], values[values.len() - 1]);
				LEFT + plot_w * (values[i] - lo) / (hi - lo).max(f64::EPSILON)
			},
			None if x.len() > 1 => LEFT + plot_w * i as f64 / (x.len() - 1) as f64,
			None => LEFT + plot_w / 2.0,
		}
	};
	let y_at = |y: f64| TOP + plot_h * (1.0 - ((y - y_min) / span).clamp(0.0, 1.0));
	let mut svg = format!(
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
		 viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"sans-serif\" font-size=\"11\">\n\
		 <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
		 <text x=\"{}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">{}</text>\n",
		WIDTH / 2.0,
		escape(title)
	);
	for tick in 0..=5 {
		let value = y_min + span * tick as f64 / 5.0;
		let y = y_at(value);
		svg.push_str(&format!(
			"<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>\n\
			 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n",
			WIDTH - RIGHT,
			LEFT - 6.0,
			y + 4.0,
			number(value)
		));
	}
	let label_every = x.len().div_ceil(12).max(1);
	for (i, label) in x.iter().enumerate() {
		if i % label_every != 0 {
			continue;
		}
		svg.push_str(&format!(
			"<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\n",
			x_at(i),
			TOP + plot_h + 16.0,
			escape(label)
		));
	}
	svg.push_str(&format!(
		"<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\n\
		 <text transform=\"translate(16 {:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n\
		 <rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{plot_w}\" height=\"{plot_h}\" fill=\"none\" stroke=\"#888\"/>\n",
		LEFT + plot_w / 2.0,
		TOP + plot_h + 34.0,
		escape(x_title),
		TOP + plot_h / 2.0,
		escape(y_title)
	));
	for (index, (name, ys)) in series.iter().enumerate() {
		let colour = COLOURS[index % COLOURS.len()];
		let points: Vec<String> = ys
			.iter()
			.enumerate()
			.filter(|(_, y)| y.is_finite())
			.map(|(i, y)| format!("{:.1},{:.1}", x_at(i), y_at(*y)))
			.collect();
		svg.push_str(&format!(
			"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\" points=\"{}\"/>\n",
			points.join(" ")
		));
		if ys.len() <= 12 {
			for point in &points {
				let (px, py) = point.split_once(',').unwrap_or(("0", "0"));
				svg.push_str(&format!(
					"<circle cx=\"{px}\" cy=\"{py}\" r=\"2.5\" fill=\"{colour}\"/>\n"
				));
			}
		}
		let legend_x = LEFT + (index % 3) as f64 * plot_w / 3.0;
		let legend_y = HEIGHT - 26.0 + (index / 3) as f64 * 14.0;
		svg.push_str(&format!(
			"<line x1=\"{legend_x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"2\"/>\n\
			 <text x=\"{:.1}\" y=\"{legend_y:.1}\">{}</text>\n",
			legend_y - 4.0,
			legend_x + 18.0,
			legend_y - 4.0,
			legend_x + 22.0,
			escape(name)
		));
	}
	svg.push_str("</svg>\n");
	svg
}
