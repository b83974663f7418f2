//! Challenges rated on two scales, impact ("Wirkung") and effort
//! ("Aufwand"), 1 to 5: where the room puts each one, and how far apart
//! its raters are.

use serde::{Deserialize, Serialize};

use super::Id;

/// The lowest and highest rating on either scale.
pub const RATING_MIN: u8 = 1;
pub const RATING_MAX: u8 = 5;

/// The room's ratings of one challenge on one scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Spread {
    pub mean: f64,
    /// The middle half of the ratings lies between these (interpolated
    /// quartiles, as a spreadsheet's QUARTILE computes them).
    pub q1: f64,
    pub q3: f64,
}

impl Spread {
    /// None when nobody rated.
    pub fn of(ratings: &[u8]) -> Option<Spread> {
        if ratings.is_empty() {
            return None;
        }
        let mut sorted: Vec<f64> = ratings.iter().map(|r| f64::from(*r)).collect();
        sorted.sort_by(f64::total_cmp);
        let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
        Some(Spread {
            mean,
            q1: quantile(&sorted, 0.25),
            q3: quantile(&sorted, 0.75),
        })
    }
}

fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let (lo, frac) = (h.floor() as usize, h - h.floor());
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + frac * (sorted[hi] - sorted[lo])
}

/// The four fields of the matrix, by where a challenge's means lie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// Much impact for little effort: "schnelle Erfolge".
    QuickWins,
    /// Much impact, much effort: "große Vorhaben".
    MajorProjects,
    /// Little impact, little effort: "Lückenfüller".
    FillIns,
    /// Little impact for much effort: "zurückstellen".
    Postpone,
}

impl Quadrant {
    /// A mean on the middle line (3) counts to the lower half: "much" has
    /// to be said by more than half the scale.
    pub fn of(impact: f64, effort: f64) -> Quadrant {
        let middle = f64::from(RATING_MIN + RATING_MAX) / 2.0;
        match (impact > middle, effort > middle) {
            (true, false) => Quadrant::QuickWins,
            (true, true) => Quadrant::MajorProjects,
            (false, false) => Quadrant::FillIns,
            (false, true) => Quadrant::Postpone,
        }
    }
}

/// A challenge's place in the matrix; None while nobody rated it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rated {
    pub count: u32,
    pub impact: Spread,
    pub effort: Spread,
    pub quadrant: Quadrant,
}

impl Rated {
    /// From each rater's (impact, effort).
    pub fn of(ratings: &[(u8, u8)]) -> Option<Rated> {
        let impact: Vec<u8> = ratings.iter().map(|r| r.0).collect();
        let effort: Vec<u8> = ratings.iter().map(|r| r.1).collect();
        let (impact, effort) = (Spread::of(&impact)?, Spread::of(&effort)?);
        Some(Rated {
            count: u32::try_from(ratings.len()).unwrap_or(u32::MAX),
            quadrant: Quadrant::of(impact.mean, effort.mean),
            impact,
            effort,
        })
    }
}

/// A challenge with the room's place for it in the matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RatedChallenge {
    pub id: Id,
    pub title: String,
    /// Dots of the list's own vote, beside the ratings.
    pub dots: u32,
    pub rated: Option<Rated>,
}

/// The matrix as the facilitator and the projector see it: never who rated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemMatrix {
    pub item_id: Id,
    pub list_id: Id,
    pub list_title: String,
    /// Collected face down: the room sees the matrix once revealed.
    pub hidden: bool,
    pub revealed: bool,
    /// Phones that rated at least one challenge on both scales.
    pub raters: u32,
    /// In the list's order.
    pub challenges: Vec<RatedChallenge>,
}

impl ItemMatrix {
    pub fn shown(&self) -> bool {
        !self.hidden || self.revealed
    }
}

/// One phone's place for one challenge; either scale may still be open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PhoneRating {
    pub id: Id,
    pub title: String,
    pub impact: Option<u8>,
    pub effort: Option<u8>,
}

/// The matrix as a phone rates it: each challenge with its own ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantMatrix {
    pub list_title: String,
    pub challenges: Vec<PhoneRating>,
}

/// A challenge's ratings in a list's view, beside its dots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChallengeRated {
    pub challenge_id: Id,
    pub rated: Rated,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_and_middle_half_follow_the_ratings_given() {
        let s = Spread::of(&[5, 1, 4, 2]).unwrap();
        assert_eq!((s.mean, s.q1, s.q3), (3.0, 1.75, 4.25));
        let one = Spread::of(&[4]).unwrap();
        assert_eq!(
            (one.mean, one.q1, one.q3),
            (4.0, 4.0, 4.0),
            "one rater: no spread"
        );
        let agreed = Spread::of(&[2, 2, 2, 2, 2]).unwrap();
        assert_eq!(agreed.q3 - agreed.q1, 0.0);
        let apart = Spread::of(&[1, 1, 5, 5]).unwrap();
        assert_eq!((apart.mean, apart.q1, apart.q3), (3.0, 1.0, 5.0));
        assert_eq!(Spread::of(&[]), None);
    }

    #[test]
    fn each_challenge_lands_in_the_quadrant_its_means_name() {
        let place = |r: &[(u8, u8)]| Rated::of(r).map(|r| (r.count, r.quadrant));
        assert_eq!(place(&[(5, 1), (4, 2)]), Some((2, Quadrant::QuickWins)));
        assert_eq!(place(&[(5, 5), (4, 4)]), Some((2, Quadrant::MajorProjects)));
        assert_eq!(place(&[(1, 1)]), Some((1, Quadrant::FillIns)));
        assert_eq!(
            place(&[(2, 5), (1, 4), (3, 5)]),
            Some((3, Quadrant::Postpone))
        );
        // On the middle line: the lower half.
        assert_eq!(place(&[(3, 3)]), Some((1, Quadrant::FillIns)));
        assert_eq!(place(&[]), None);
    }
}
