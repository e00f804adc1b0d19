package dev.upgradeassist.web.console;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The local profile's sign-in page (the form posts to Spring Security's {@code POST /login}). */
@Controller
@Profile("!production")
public class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
