package hudson.console;

public class HyperlinkNote extends ConsoleNote {

    public HyperlinkNote(String url, int length) {
        throw new UnsupportedOperationException();
    }

    public static String encodeTo(String url, String text) {
        throw new UnsupportedOperationException();
    }
}
