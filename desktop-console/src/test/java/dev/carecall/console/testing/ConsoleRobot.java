package dev.carecall.console.testing;

import dev.carecall.console.call.CallPhase;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.stage.Window;
import org.testfx.api.FxRobot;

import java.util.List;

/** What a doctor sees and does in the console window, by the ids the views give their nodes. */
public final class ConsoleRobot {
    private final FxRobot robot;

    public ConsoleRobot(FxRobot robot) {
        this.robot = robot;
    }

    public FxRobot fx() {
        return robot;
    }

    /** Signs in with the server and user name already filled in from the command line. */
    public void signIn(String password) {
        Screens.waitUntil("the sign-in screen shows", 20, () -> robot.lookup("#passwordField").tryQuery().isPresent());
        robot.clickOn("#passwordField").write(password);
        robot.clickOn("#signInButton");
    }

    /**
     * With the doctor signed in and the appointment {@code id} in the list: a patient engine registers and starts the
     * call, the doctor joins it from the card, and the call connects. Returns the patient's side.
     */
    public PatientSide joinCallThePatientStarted(PatientSide patient, long id) {
        PatientSide.await("the patient registered", 20, () -> patient.phase() == CallPhase.READY);
        patient.engine().startCall();
        Screens.waitUntil("the button says Join Call", 20, () -> callLabel(id).equals("Join Call"));
        reveal(id);
        robot.clickOn(callButton(id));
        Screens.waitUntil("the call connects", 30, () -> text("#phaseLabel").equals("Connected"));
        return patient;
    }

    /** True while a node with this id is on screen. */
    public boolean shows(String query) {
        return Screens.onFx(() -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
    }

    /** The text of a label or button, read on the FX thread; empty when absent. */
    public String text(String query) {
        return Screens.onFx(() -> robot.lookup(query).tryQuery().map(node -> ((Labeled) node).getText()).orElse(""));
    }

    /** The texts of every label or button of this style class on screen, in order, read on the FX thread. */
    public List<String> texts(String query) {
        // Node.lookupAll keeps the scene graph's order, which the lines on screen have.
        return Screens.onFx(() -> Window.getWindows().stream().filter(Window::isShowing)
                .flatMap(window -> window.getScene().getRoot().lookupAll(query).stream()).filter(Node::isVisible)
                .map(node -> ((Labeled) node).getText()).toList());
    }

    /** The appointment card of {@code id}. */
    public Node card(long id) {
        return robot.lookup("#appointment-" + id).query();
    }

    public boolean hasCard(long id) {
        return Screens.onFx(() -> robot.lookup("#appointment-" + id).tryQuery().isPresent());
    }

    /**
     * Scrolls the list so the card of {@code id} is in view: the window tests share one server, whose list grows
     * with every test's appointments, and a click needs its target on screen.
     */
    public void reveal(long id) {
        Screens.onFx(() -> {
            Node card = card(id);
            Node parent = card.getParent();
            while (parent != null && !(parent instanceof ScrollPane)) {
                parent = parent.getParent();
            }
            if (parent instanceof ScrollPane scroll) {
                Node content = scroll.getContent();
                double top = content.sceneToLocal(card.localToScene(card.getBoundsInLocal())).getMinY();
                double room = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                scroll.setVvalue(room <= 0 ? 0 : Math.clamp(top / room, 0, 1));
                scroll.layout();
            }
            return null;
        });
    }

    /** The card's Start / Join Call button. */
    public Button callButton(long id) {
        return robot.from(card(id)).lookup(".call-button").queryButton();
    }

    /** The card's call-status badge text. */
    public String badge(long id) {
        return Screens.onFx(() -> robot.from(card(id)).lookup(".badge").queryAs(Label.class).getText());
    }

    public String callLabel(long id) {
        return Screens.onFx(() -> callButton(id).getText());
    }
}
