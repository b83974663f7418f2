//! The team folder over HTTPS with the machine's own trust store: a server
//! whose certificate authority the machine does not trust is refused in
//! words; once the machine trusts it (as a city's IT installs its own CA),
//! the same folder works. Its own test binary: it sets `SSL_CERT_FILE`,
//! where OpenSSL reads the machine's trusted authorities from.
// Debian's Apache and OpenSSL: Linux only.
#![cfg(target_os = "linux")]

mod support;

use support::webdav::{WebDav, PASSWORD, USER};
use wandzeitung::team::{Account, Folder};
use wandzeitung::{Error, TeamProblem};

#[test]
fn a_certificate_the_machine_does_not_trust_is_refused_until_it_does() {
    let server = WebDav::start_https();
    let account = Account {
        address: server.address(),
        user: USER.into(),
        password: PASSWORD.into(),
        folder: "team".into(),
    };
    let refused = Folder::new(&account, false).unwrap().check().unwrap_err();
    assert!(
        matches!(
            refused,
            Error::Team {
                problem: TeamProblem::Certificate,
                ..
            }
        ),
        "{refused:?}"
    );
    assert_eq!(refused.params()["reason"], "team_problem.certificate");
    assert!(
        !server.root.join("team").exists(),
        "nothing was written past an untrusted certificate"
    );

    std::env::set_var("SSL_CERT_FILE", server.ca.as_ref().unwrap());
    Folder::new(&account, false).unwrap().check().unwrap();
    assert!(server.root.join("team").is_dir());
}
