#pragma once
// A picture of the body, front and back, marking where a person hurts and where a structure
// refers pain. People read a picture of where it hurts faster than a list.
#include <cstdint>
#include <ostream>
#include <string_view>

namespace psoas::report {

// The person's side that hurts. In the front view their right is on the viewer's left; in the
// back view, on the viewer's right. Both draws the two sides.
enum class Side { Both, Left, Right };

// "left side", "right side" or "both sides", as every report words it.
std::string_view side_name(Side side);

struct BodyMapStyle {
  bool unicode = false;  // block characters; otherwise plain ASCII
  bool color = false;
};

// `pain` and `zone` are sets of kBodyRegions, as bits, drawn on `side` only. `zone_label` names
// the referral zone in the legend; with `pain` empty only the zone is drawn.
void render_body_map(std::ostream& out, std::uint32_t pain, std::uint32_t zone,
                     std::string_view zone_label, const BodyMapStyle& style,
                     Side side = Side::Both);

// Trigger points: the regions where they lie (`sites`) drawn apart from where they refer pain
// (`zone`), with a mark of their own, so a reader never takes a referral zone for a point.
void render_trigger_point_map(std::ostream& out, std::uint32_t sites, std::uint32_t zone,
                              std::string_view zone_label, const BodyMapStyle& style);

// The same picture as an SVG element for the HTML report: a silhouette, front and back, with
// each marked region filled. Pain is solid, the referral zone hatched, so it reads in black and
// white on paper too. With one side, the marks are clipped to that side of each view.
void render_body_svg(std::ostream& out, std::uint32_t pain, std::uint32_t zone,
                     std::string_view zone_label, Side side = Side::Both);

}  // namespace psoas::report
